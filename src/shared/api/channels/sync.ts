export const syncChannels = ['sync.status', 'sync.configure', 'sync.push'] as const;
