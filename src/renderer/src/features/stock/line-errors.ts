/**
 * Field errors once line `at` is removed: they are named by line position, as main names them
 * (lines.2.unitCostMinor), so the lines after it move up one and keep their own errors.
 */
export function withoutLine(errors: Record<string, string>, at: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const m = /^lines\.(\d+)\.(.+)$/.exec(key);
    const i = m ? Number(m[1]) : -1;
    if (i === at) continue;
    out[m && i > at ? `lines.${i - 1}.${m[2]}` : key] = message;
  }
  return out;
}
