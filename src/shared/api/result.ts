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
  message: string;
  field?: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
  toShape(): AppErrorShape {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (error: AppErrorShape): Result<never> => ({ ok: false, error });
