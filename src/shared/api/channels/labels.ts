export const labelsChannels = ['labels.pdf', 'labels.stale'] as const;
