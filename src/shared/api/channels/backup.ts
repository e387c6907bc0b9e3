export const backupChannels = ['backup.list', 'backup.create', 'backup.restore'] as const;
