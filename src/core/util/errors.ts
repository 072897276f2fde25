/**
 * A problem with what the user gave us (a file, a field, a value). The CLI prints its
 * message as one line and exits 1; anything else is an internal error (exit 2).
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** The message of any thrown value, for logs and failed-run records. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
