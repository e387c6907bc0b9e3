export const labelsChannels = ['labels.pdf', 'labels.stale', 'labels.ofCategory'] as const;
