export const BACKUP_KINDS = ['auto', 'manual', 'before-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/**
 * shelfcast-auto-2026-11-22T09-30-05-123Z-3f9a0c1e.db: the kind, the moment (with no character Windows
 * refuses) and the shop's tag, so that two shops' PCs copying to one USB key neither rotate away each
 * other's backups nor restore each other's. Backups from before the tag have none.
 */
const NAME = /^shelfcast-(auto|manual|before-restore)-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z(?:-([0-9a-f]{8}))?\.db$/;

export function backupName(kind: BackupKind, at: Date, shop: string | null = null): string {
  return `shelfcast-${kind}-${at.toISOString().replace(/:/g, '-').replace('.', '-')}${shop ? `-${shop}` : ''}.db`;
}

/** A backup's kind, moment (ISO) and shop tag (null before tags) from its file's name; null for any other file. */
export function parseBackupName(file: string): { kind: BackupKind; at: string; shop: string | null } | null {
  const m = NAME.exec(file);
  if (!m) return null;
  return { kind: m[1] as BackupKind, at: `${m[2]}T${m[3]}:${m[4]}:${m[5]}.${m[6]}Z`, shop: m[7] ?? null };
}
