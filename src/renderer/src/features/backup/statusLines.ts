import { OFF_PC_STALE_DAYS, type BackupEvents, type BackupStatus } from '../../../../shared/api/contracts/backup';
import { parseBackupName } from '../../../../shared/domain/backup-names';
import { formatSize } from '../../i18n/size';
import type { Translate } from '../../i18n/translate';

/** One thing the owner should know about the shop's backups; `warn` and `error` are worth a look from the dashboard. */
export interface StatusLine {
  level: 'ok' | 'info' | 'warn' | 'error';
  text: string;
  /** For tests and screenshots: what the line is about. */
  id: 'last' | 'failed' | 'offPc' | 'copyFailed' | 'stale' | 'restore' | 'pending';
}

const DAY_MS = 86_400_000;

/** A backup's moment as the owner reads it (22 nov. 2026, 09:30). */
export const backupWhen = (iso: string, locale: 'fr' | 'en'): string =>
  new Date(iso).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** The backups' state in plain words, the worst first. */
export function backupStatusLines(s: BackupStatus, now: Date, t: Translate, locale: 'fr' | 'en'): StatusLine[] {
  const when = (iso: string) => backupWhen(iso, locale);
  const lines: StatusLine[] = [];
  // asked for and not yet done: what is done meanwhile will be lost (a reload of the page must still say it)
  if (s.pendingRestore) lines.push({ level: 'warn', id: 'pending', text: t('backup.status.pending', { from: when(s.pendingRestore.at), when: when(s.pendingRestore.requestedAt) }) });
  if (s.lastRestore && !s.lastRestore.done)
    lines.push({ level: 'error', id: 'restore', text: t('backup.status.restoreFailed', { when: when(s.lastRestore.at), why: t(`backup.restoreWhy.${s.lastRestore.cause ?? 'backup_failed'}`) }) });
  if (s.failure) {
    const free = s.failure.freeBytes === null ? '?' : formatSize(s.failure.freeBytes, locale);
    lines.push({ level: 'error', id: 'failed', text: t('backup.status.failed', { when: when(s.failure.at), why: t(`backup.why.${s.failure.cause}`, { free, folder: s.failure.folder }) }) });
  }
  if (s.copyFailures) {
    const { count, at, error } = s.copyFailures;
    const why = t(`backup.copyWhy.${error.problem}`, { message: error.message });
    lines.push({ level: 'error', id: 'copyFailed', text: t(count === 1 ? 'backup.status.copyFailedOne' : 'backup.status.copyFailedMany', { count, when: when(at), folder: error.folder, why }) });
  }
  if (!s.folder) lines.push({ level: 'warn', id: 'offPc', text: t('backup.status.noFolder') });
  else if (s.lastCopy) {
    const days = Math.floor((now.getTime() - new Date(s.lastCopy.at).getTime()) / DAY_MS);
    if (days >= OFF_PC_STALE_DAYS && !s.copyFailures) lines.push({ level: 'warn', id: 'stale', text: t('backup.status.stale', { days }) });
    lines.push({ level: 'ok', id: 'offPc', text: t('backup.status.lastCopy', { when: when(s.lastCopy.at), to: s.lastCopy.to }) });
  } else if (!s.copyFailures) lines.push({ level: 'info', id: 'offPc', text: t('backup.status.noCopyYet', { folder: s.folder }) });
  lines.push(s.lastBackup ? { level: 'ok', id: 'last', text: t('backup.status.last', { when: when(s.lastBackup.at) }) } : { level: 'warn', id: 'last', text: t('backup.status.never') });
  if (s.lastRestore?.done) lines.push({ level: 'info', id: 'restore', text: t('backup.status.restored', { when: when(s.lastRestore.at), from: when(parseBackupName(s.lastRestore.file)?.at ?? s.lastRestore.at) }) });
  return lines;
}

/** The notice for an automatic backup that failed, or whose copy did not reach the owner's folder. */
export function backupFailedText(f: BackupEvents['backup.failed'], t: Translate, locale: 'fr' | 'en'): string {
  if (f.copy) return t('backup.failedNow.copy', { folder: f.copy.folder, why: t(`backup.copyWhy.${f.copy.problem}`, { message: f.copy.message }) });
  const free = f.freeBytes === null ? '?' : formatSize(f.freeBytes, locale);
  return t('backup.failedNow.backup', { why: t(`backup.why.${f.cause ?? 'backup_failed'}`, { folder: f.folder, free }) });
}
