export const BACKUP_KINDS = ['auto', 'manual', 'before-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

// shelfcast-auto-2026-11-22T09-30-05-123Z.db: the kind and the moment, with no character Windows refuses
const NAME = /^shelfcast-(auto|manual|before-restore)-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.db$/;

export function backupName(kind: BackupKind, at: Date): string {
  return `shelfcast-${kind}-${at.toISOString().replace(/:/g, '-').replace('.', '-')}.db`;
}

/** A backup's kind and moment (ISO) from its file's name; null for any other file. */
export function parseBackupName(file: string): { kind: BackupKind; at: string } | null {
  const m = NAME.exec(file);
  if (!m) return null;
  return { kind: m[1] as BackupKind, at: `${m[2]}T${m[3]}:${m[4]}:${m[5]}.${m[6]}Z` };
}
