import { UserError } from '../core/util/errors';

type Flags = Record<string, string | boolean | undefined>;

const MINIMUM = { jobs: 1, cv: 2 } as const;
const UNIT = { jobs: 'workers', cv: 'folds' } as const;

/** `--jobs N` (1 or more workers) or `--cv K` (2 or more folds), or undefined when not given. */
export function countFlag(flags: Flags, name: keyof typeof MINIMUM): number | undefined {
  const text = flags[name];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < MINIMUM[name]) {
    throw new UserError(`--${name} ${String(text)}: give a whole number of ${UNIT[name]}, ${MINIMUM[name]} or more.`);
  }
  return value;
}
