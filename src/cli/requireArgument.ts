import { UserError } from '../core/util/errors';

export function requireArgument(positionals: string[], what: string, usage: string): string {
  if (positionals.length === 0) throw new UserError(`missing ${what}; usage: ${usage}`);
  if (positionals.length > 1) throw new UserError(`unexpected argument "${positionals[1]}"; usage: ${usage}`);
  return positionals[0];
}
