export const purchasingChannels = [
] as const;
