export const backupChannels = ['backup.list', 'backup.status', 'backup.create', 'backup.restore', 'backup.cancelRestore'] as const;
