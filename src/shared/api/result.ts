/** Errors cross every boundary (IPC, HTTP) as values, never as thrown exceptions. */
export type ErrorCode =
  | 'validation' // the input is malformed; `field` names the culprit
  | 'not_found'
  | 'conflict' // unique constraint: duplicate SKU, barcode...
  | 'forbidden' // the user's role may not do this
  | 'insufficient_stock' // negative stock refused by the shop's policy
  | 'unsupported' // e.g. a database written by a newer Shelfcast, silent printing in the browser
  | 'device' // a printer or another device did not answer; the data is safe
  | 'unknown_channel'
  | 'internal'; // unexpected: logged with its stack in main, shown in plain words

export interface AppErrorShape {
  code: ErrorCode;
  /** English, for the log; the renderer writes its own text from the code, `reason` and `details`. */
  message: string;
  field?: string;
  /** What the UI needs to say it in the shop's language, e.g. { reason: 'role', needs: 'manager' }. */
  details?: ErrorDetails;
}

export type ErrorDetails = { reason: string } & Record<string, string | number>;

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'AppError';
  }
  toShape(): AppErrorShape {
    const shape: AppErrorShape = { code: this.code, message: this.message };
    if (this.field !== undefined) shape.field = this.field;
    if (this.details !== undefined) shape.details = this.details;
    return shape;
  }
}

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (error: AppErrorShape): Result<never> => ({ ok: false, error });
