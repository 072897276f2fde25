import Ajv, { type ErrorObject } from 'ajv';
import schema from '../../../schemas/hepml.schema.json';
import { didYouMean } from '../util/didYouMean';
import { pointerToPath, type Problem, type ProblemLocator } from './problems';

// verbose: errors carry their parentSchema, whose properties list the allowed keys.
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const validateSchema = ajv.compile(schema);

/** The keys allowed where an additionalProperties error happened. */
function allowedKeys(error: ErrorObject): string[] {
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties) : [];
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the config' : `"${error.instancePath.slice(1).replace(/\//g, '.')}"`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = allowedKeys(error);
      return `unknown key "${key}" in ${where}.${didYouMean(key, allowed)}${allowed.length ? ` Allowed keys: ${allowed.join(', ')}.` : ''}`;
    }
    case 'required':
      return `${where} is missing the required key "${String(params.missingProperty)}".`;
    case 'enum': {
      const allowed = params.allowedValues as unknown[];
      const typo = typeof error.data === 'string' ? didYouMean(error.data, allowed.filter((v): v is string => typeof v === 'string')) : '';
      return `${where} must be one of: ${allowed.map((v) => JSON.stringify(v)).join(', ')}.${typo}`;
    }
    case 'type':
      return `${where} must be ${params.type === 'integer' ? 'a whole number' : `of type ${String(params.type)}`}.`;
    case 'minItems':
      return `${where} must have at least ${String(params.limit)} item(s).`;
    case 'minLength':
      return `${where} must not be empty.`;
    case 'pattern': {
      // A regular expression tells users little; the field's description says what is expected.
      const description = (error.parentSchema as { description?: string } | undefined)?.description;
      return `${where} is not in the expected form${description ? `: ${description}` : ` (pattern ${String(params.pattern)})`}`;
    }
    case 'uniqueItems':
      return `${where} has duplicate items (${String(params.j)} and ${String(params.i)}).`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${where} ${error.message ?? 'is out of range'}.`;
    default:
      return `${where} ${error.message ?? 'is invalid'}.`;
  }
}

/**
 * Keeps the errors that explain an `anyOf` failure: the "wrong type" errors of the branches
 * that do not apply are dropped when a branch that applies explains the failure.
 */
function pruneAnyOfNoise(errors: ErrorObject[]): ErrorObject[] {
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const isBranchMismatch = (e: ErrorObject) =>
    anyOfPaths.has(e.instancePath) && (e.keyword === 'type' || e.keyword === 'const');
  const kept = errors.filter((e) => e.keyword !== 'anyOf' && !isBranchMismatch(e));
  for (const path of anyOfPaths) {
    mergeValueChoices(kept, errors.find((e) => e.keyword === 'anyOf' && e.instancePath === path)!);
    const explained = kept.some((e) => e.instancePath === path || e.instancePath.startsWith(path + '/'));
    if (!explained) {
      const anyOf = errors.find((e) => e.keyword === 'anyOf' && e.instancePath === path)!;
      kept.push(anyOf);
    }
  }
  return kept;
}

/**
 * A value that is neither in a list nor of a form (a scoring: "auc", ... or "rejection@0.5"):
 * one error saying both, instead of one per branch.
 */
function mergeValueChoices(kept: ErrorObject[], anyOf: ErrorObject): void {
  const branches = kept.filter((e) => e.instancePath === anyOf.instancePath && (e.keyword === 'enum' || e.keyword === 'pattern'));
  if (branches.length < 2 || !branches.some((e) => e.keyword === 'pattern')) return;
  const values = branches.flatMap((e) => (e.keyword === 'enum' ? (e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)) : []));
  const forms = branches.filter((e) => e.keyword === 'pattern').map((e) => (e.parentSchema as { description?: string } | undefined)?.description ?? `a string matching ${(e.params as { pattern: string }).pattern}`);
  for (const branch of branches) kept.splice(kept.indexOf(branch), 1);
  kept.push({ ...anyOf, params: { choices: `one of: ${values.join(', ')}; or ${forms.join('; or ')}` } });
}

function anyOfMessage(error: ErrorObject): string {
  const choices = (error.params as { choices?: string }).choices;
  if (choices) return `"${error.instancePath.slice(1).replace(/\//g, '.')}" must be ${choices}.`;
  const path = pointerToPath(error.instancePath);
  const last = path[path.length - 1];
  const name = error.instancePath.slice(1).replace(/\//g, '.');
  if (last === 'hidden') {
    return `"${name}" must be a list of layers like [{"units": 64}] or {"layers": 3, "units": 300}.`;
  }
  if (last === 'earlyStopping') {
    return `"${name}" must be false or an object like {"monitor": "val_loss", "patience": 5}.`;
  }
  if (path[path.length - 2] === 'features') {
    return `"${name}" must be a feature name or an object like {"name": "Jet_Px[0]", "fill": 0}.`;
  }
  return `"${name}" has an invalid value.`;
}

/** Problems of `value` against the JSON Schema, located in the text. */
export function schemaProblems(value: unknown, locate: ProblemLocator): Problem[] {
  if (validateSchema(value)) return [];
  const errors = pruneAnyOfNoise(validateSchema.errors ?? []);
  return errors.map((error) => {
    if (error.keyword === 'additionalProperties') {
      const pointer = `${error.instancePath}/${String((error.params as { additionalProperty: string }).additionalProperty)}`;
      return locate.at(pointer, describe(error), { key: true });
    }
    const message = error.keyword === 'anyOf' ? anyOfMessage(error) : describe(error);
    return locate.at(error.instancePath, message);
  });
}
