import schema from '../../../schemas/hepml.schema.json';

// What the schema says of a config key, for hover docs: its description, default, allowed values
// and range, found by walking the schema along the key's path (through items, maps and $refs).

interface SchemaNode {
  description?: string;
  default?: unknown;
  enum?: unknown[];
  type?: string | string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  anyOf?: SchemaNode[];
  $ref?: string;
}

const root = schema as unknown as SchemaNode;

function resolve(node: SchemaNode | undefined): SchemaNode | undefined {
  if (!node?.$ref) return node;
  const target = node.$ref.replace(/^#\//, '').split('/').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], root) as SchemaNode | undefined;
  return target ? { ...target, ...node, $ref: undefined } : node;
}

/** The schema of one step down from `node` along `key` (a property name or an array index). */
function child(node: SchemaNode, key: string | number): SchemaNode | undefined {
  const candidates = [node, ...(node.anyOf ?? []).map(resolve)].filter((n): n is SchemaNode => n !== undefined);
  for (const candidate of candidates) {
    if (typeof key === 'number' && candidate.items) return resolve(candidate.items);
    if (typeof key === 'string' && candidate.properties?.[key]) return resolve(candidate.properties[key]);
    if (typeof key === 'string' && typeof candidate.additionalProperties === 'object') return resolve(candidate.additionalProperties);
  }
  return undefined;
}

export interface KeyDocumentation {
  path: string;
  description?: string;
  default?: unknown;
  allowed?: unknown[];
  range?: string;
}

/** The documentation of the key at `path` (e.g. ['training', 'learningRate']), if the schema knows it. */
export function keyDocumentation(path: (string | number)[]): KeyDocumentation | undefined {
  let node: SchemaNode | undefined = root;
  for (const key of path) {
    node = node && child(node, key);
    if (!node) return undefined;
  }
  const enums = node.enum ?? node.anyOf?.flatMap((n) => resolve(n)?.enum ?? []);
  const low = node.minimum ?? node.exclusiveMinimum;
  const range = low !== undefined || node.maximum !== undefined ? `${low ?? '-inf'}${node.exclusiveMinimum !== undefined ? ' <' : ' <='} value <= ${node.maximum ?? 'inf'}` : undefined;
  return {
    path: path.map(String).join('.'),
    ...(node.description ? { description: node.description } : {}),
    ...(node.default !== undefined ? { default: node.default } : {}),
    ...(enums && enums.length ? { allowed: enums } : {}),
    ...(range ? { range } : {}),
  };
}

/** The documentation as Markdown (a hover's text). */
export function documentationMarkdown(doc: KeyDocumentation): string {
  const lines = [`**${doc.path}**`];
  if (doc.description) lines.push('', doc.description);
  if (doc.default !== undefined) lines.push('', `Default: \`${JSON.stringify(doc.default)}\``);
  if (doc.allowed) lines.push('', `Allowed: ${doc.allowed.map((v) => `\`${JSON.stringify(v)}\``).join(', ')}`);
  if (doc.range) lines.push('', `Range: ${doc.range}`);
  return lines.join('\n');
}
