/** `(?, ?, ?)` for an IN clause over `values`, bound in the same order; `(NULL)` (matches nothing) for none. */
export function inList(values: readonly unknown[]): string {
  return values.length ? `(${values.map(() => '?').join(', ')})` : '(NULL)';
}
