import { parseTree, getNodeValue, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { HepmlConfig } from '../../shared/config';
import { ProblemLocator, type Problem } from './problems';
import { schemaProblems } from './schemaCheck';
import { executionProblems } from './executionCheck';
import { analysisProblems, searchProblems } from './searchCheck';
import { semanticProblems } from './semanticCheck';
import { appendAll } from '../util/arrays';

/** Deeper nesting than any real config; stops pathological input before the parser recurses. */
export const MAX_NESTING = 64;
/** Far larger than any real config. */
export const MAX_CONFIG_BYTES = 1_000_000;

export interface ParsedConfig {
  /** Set when the text is valid JSON; may still have problems. */
  value?: unknown;
  /** Set when there are no errors. */
  config?: HepmlConfig;
  problems: Problem[];
  locate: ProblemLocator;
}

/** Offset of the first bracket nested deeper than `limit`, ignoring strings, or -1. */
function tooDeepAt(text: string, limit: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return -1;
}

function syntaxMessage(error: ParseError): string {
  const code = printParseErrorCode(error.error);
  const readable = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `invalid JSON: ${readable}.`;
}

/** Parses and checks a config's text: JSON syntax, the schema, and consistency between fields. */
export function parseConfig(text: string): ParsedConfig {
  const emptyLocator = new ProblemLocator(text, undefined);
  if (text.length > MAX_CONFIG_BYTES) {
    return { problems: [emptyLocator.atOffset('', `the config is larger than ${MAX_CONFIG_BYTES} bytes; is this the right file?`, 0, 1)], locate: emptyLocator };
  }
  const deep = tooDeepAt(text, MAX_NESTING);
  if (deep >= 0) {
    return { problems: [emptyLocator.atOffset('', `the config nests deeper than ${MAX_NESTING} levels; a config needs far fewer.`, deep, 1)], locate: emptyLocator };
  }
  const errors: ParseError[] = [];
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const root = parseTree(source, errors, { disallowComments: true, allowTrailingComma: false });
  const locate = new ProblemLocator(text, root);
  if (errors.length > 0 || !root) {
    const problems = errors.map((e) => locate.atOffset('', syntaxMessage(e), e.offset, Math.max(1, e.length)));
    if (problems.length === 0) problems.push(locate.atOffset('', 'invalid JSON: the file is empty.', 0, 1));
    return { problems, locate };
  }
  const value: unknown = getNodeValue(root);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { value, problems: [locate.at('', 'the config must be a JSON object like {"data": ..., "model": ...}.')], locate };
  }
  const problems = schemaProblems(value, locate);
  if (problems.length === 0) appendAll(problems, [semanticProblems, searchProblems, analysisProblems, executionProblems].flatMap((check) => check(value as HepmlConfig, locate)));
  const hasError = problems.some((p) => p.severity === 'error');
  return { value, config: hasError ? undefined : (value as HepmlConfig), problems, locate };
}
