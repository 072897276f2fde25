/**
 * A problem with what the user gave us (a file, a field, a value). The CLI prints its
 * message as one line and exits 1; anything else is an internal error (exit 2).
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/**
 * Training diverged (the loss became NaN or infinite): the user's settings for that run are at
 * fault, so the CLI exits 1, but in a search it fails one trial, not the whole search.
 */
export class TrainingDiverged extends UserError {}

/** The user stopped the work (Stop, Ctrl-C): not a failure, said in one line. */
export class Cancelled extends UserError {}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** The message of any thrown value, for logs and failed-run records. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A problem found in the data while reading it, tied to the config field it comes from. */
export class DataError extends UserError {
  constructor(
    message: string,
    /** JSON pointer of the config field, e.g. `/data/features/2` or `/data/label/map`. */
    readonly pointer?: string,
    /** The problem is with the property's key (a label value), not its value. */
    readonly key = false,
  ) {
    super(message);
  }
}
