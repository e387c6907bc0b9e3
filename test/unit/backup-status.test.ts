import { describe, expect, it } from 'vitest';
import { failureCause } from '../../src/main/services/backup/failure';
import type { BackupStatus } from '../../src/shared/api/contracts/backup';
import { errorShapeText } from '../../src/renderer/src/api/error-text';
import { backupFailedText, backupStatusLines } from '../../src/renderer/src/features/backup/statusLines';
import { formatSize } from '../../src/renderer/src/i18n/size';
import { translator } from '../../src/renderer/src/i18n/translate';

const NOW = new Date('2026-05-20T12:00:00Z');
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const none: BackupStatus = { folder: '', lastBackup: null, failure: null, lastCopy: null, copyFailures: null, lastRestore: null };
const lines = (s: Partial<BackupStatus>, locale: 'fr' | 'en' = 'fr') =>
  backupStatusLines({ ...none, ...s }, NOW, translator(locale), locale).map((l) => ({ ...l, text: plain(l.text) }));

describe('the backups’ state in the owner’s words', () => {
  it('a new shop: nothing made yet, and nothing would leave the PC', () => {
    expect(lines({}).map((l) => [l.id, l.level])).toEqual([
      ['offPc', 'warn'],
      ['last', 'warn'],
    ]);
    expect(lines({})[0].text).toContain('Les sauvegardes ne sont que sur ce PC');
  });

  it('a full disk is said with the folder and the space left; failed copies are counted; the worst comes first', () => {
    const got = lines({
      folder: 'E:\\Sauvegardes',
      lastBackup: { file: 'x', at: '2026-05-18T09:00:00.000Z' },
      failure: { at: '2026-05-20T09:00:00.000Z', cause: 'backup_disk_full', folder: 'C:\\Shelfcast\\backups', freeBytes: 12.5 * 1024 * 1024 },
      lastCopy: { file: 'y', at: '2026-05-10T09:00:00.000Z', to: 'E:\\Sauvegardes\\y' },
      copyFailures: { count: 3, at: '2026-05-18T09:00:00.000Z', error: { folder: 'E:\\Sauvegardes', problem: 'full', message: 'ENOSPC' } },
    });
    expect(got.map((l) => [l.id, l.level])).toEqual([
      ['failed', 'error'],
      ['copyFailed', 'error'],
      ['offPc', 'ok'],
      ['last', 'ok'],
    ]);
    expect(got[0].text).toMatch(/^La sauvegarde du .+ n’a pas pu être faite : le disque est plein \(il reste 12,5 Mo pour C:\\Shelfcast\\backups\)\./);
    expect(got[1].text).toMatch(/^Les 3 dernières sauvegardes \(la plus récente : .+\) n’ont pas été copiées dans E:\\Sauvegardes : la clé \(ou le disque\) est pleine\./);
  });

  it('a key left unplugged for days, with no failure to say, is still warned about', () => {
    const got = lines({ folder: '/media/cle', lastBackup: { file: 'x', at: '2026-05-20T09:00:00.000Z' }, lastCopy: { file: 'y', at: '2026-05-15T09:00:00.000Z', to: '/media/cle/y' } });
    expect(got[0]).toMatchObject({ id: 'stale', level: 'warn', text: 'Aucune copie hors du PC depuis 5 jours : si ce PC tombe en panne, tout ce qui a été fait depuis est perdu.' });
  });

  it('a restore not done says why, in French and English; one done says from which backup', () => {
    const failed = { lastRestore: { at: '2026-05-20T08:00:00.000Z', file: 'shelfcast-auto-2026-05-01T09-00-00-000Z.db', done: false, cause: 'backup_missing' as const } };
    expect(lines(failed)[0]).toMatchObject({ id: 'restore', level: 'error' });
    expect(lines(failed)[0].text).toContain(': la sauvegarde choisie était absente ou abîmée au redémarrage. Les données sont restées celles d’avant.');
    expect(lines(failed, 'en')[0].text).toContain(': the chosen backup was missing or damaged at the restart. The data stayed as it was.');
    const done = lines({ lastRestore: { ...failed.lastRestore, done: true, cause: null } });
    expect(done.at(-1)).toMatchObject({ id: 'restore', level: 'info' });
    expect(done.at(-1)!.text).toMatch(/^Restauration faite le .+, à partir de la sauvegarde du 1 mai 2026/);
  });

  it('the notice of an automatic backup that failed names the folder and why', () => {
    const t = translator('fr');
    expect(backupFailedText({ copy: { folder: 'E:\\', problem: 'unwritable', message: 'EROFS' }, cause: null, folder: 'E:\\', freeBytes: null }, t, 'fr')).toBe(
      'La sauvegarde automatique est faite sur ce PC, mais pas copiée dans E:\\ : Shelfcast ne peut pas y écrire (clé protégée en écriture ?).',
    );
    expect(plain(backupFailedText({ copy: null, cause: 'backup_disk_full', folder: '/home/awa/backups', freeBytes: 300 * 1024 }, t, 'fr'))).toMatch(
      /^La sauvegarde automatique n’a pas pu être faite : le disque est plein \(il reste 300 ko pour \/home\/awa\/backups\)/,
    );
  });

  it('a backup refused for a full disk says so with the folder and the space left, in both languages', () => {
    const refusal = { code: 'device' as const, message: 'file: database or disk is full (/home/awa/backups)', field: 'file', details: { reason: 'backup_disk_full', file: '', folder: '/home/awa/backups', freeMb: 12 } };
    expect(errorShapeText(refusal, translator('fr'), 'fr')).toBe(
      'Sauvegarde impossible : le disque est plein (il reste 12 Mo pour /home/awa/backups). Libérez de la place (vieux fichiers, corbeille), puis recommencez.',
    );
    expect(errorShapeText(refusal, translator('en'), 'en')).toBe('No backup made: the disk is full (12 MB left for /home/awa/backups). Free some space (old files, the recycle bin), then try again.');
  });

  it('sizes read as people read them', () => {
    expect(plain(formatSize(512, 'fr'))).toBe('512 o');
    expect(plain(formatSize(1536, 'fr'))).toBe('1,5 ko');
    expect(formatSize(3.25 * 1024 ** 3, 'en')).toBe('3.3 GB');
  });
});

describe('why a backup could not be written, from the system’s error code', () => {
  it('a full disk, a folder that may not be written, anything else', () => {
    for (const code of ['SQLITE_FULL', 'ENOSPC', 'EDQUOT']) expect(failureCause(Object.assign(new Error('x'), { code }))).toBe('backup_disk_full');
    for (const code of ['EACCES', 'EPERM', 'EROFS', 'SQLITE_READONLY', 'SQLITE_CANTOPEN']) expect(failureCause(Object.assign(new Error('x'), { code }))).toBe('backup_folder_unwritable');
    expect(failureCause(new Error('the copy did not pass SQLite’s check'))).toBe('backup_failed');
    expect(failureCause(null)).toBe('backup_failed');
  });
});
