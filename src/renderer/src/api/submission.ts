/**
 * One id per form submission shown (a receipt, a delivery): main books a submission once, however often
 * it arrives (a double click, Enter twice, a retry).
 */
export const newSubmissionId = (): string =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
