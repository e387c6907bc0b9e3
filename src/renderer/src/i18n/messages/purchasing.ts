/** Replenishment, alerts, purchase orders (to be filled by that work). Each key exists in French and English (checked by a unit test). */
export const fr = {
} as const;

export const en: Record<keyof typeof fr, string> = {
};
