/** The codes in the Codes-barres field, as the save reads them. */
export const barcodeList = (text: string): string[] => text.split(/[,;\s]+/).filter(Boolean);

/** A scanned code added to the Codes-barres field, after a comma; the text unchanged when the code is there already. */
export function withScannedCode(text: string, code: string): { text: string; added: boolean } {
  if (barcodeList(text).includes(code)) return { text, added: false };
  const kept = text.replace(/[,;\s]+$/, '');
  return { text: kept ? `${kept}, ${code}` : code, added: true };
}
