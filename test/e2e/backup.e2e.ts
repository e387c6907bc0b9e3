import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must } from '../helpers/core';
import { openApp, plain, type Session, SHOTS } from './browser';

/** A shop with one product, opened in the browser. */
async function openRiceShop(): Promise<Session> {
  mkdirSync(SHOTS, { recursive: true });
  const s = await openApp();
  await must(s.core.call('products.save', { sku: 'RIZ', name: 'Riz parfumé', priceMinor: 650, costMinor: 500 }));
  await s.page.reload();
  return s;
}

describe('browser mode: Settings > Backups, as the owner uses it', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openRiceShop();
  });
  afterAll(async () => s?.close());

  it('backs up now, copies to the USB key folder (or says it is not plugged in), lists the backups, and asks for a restart to restore one', async () => {
    const { page } = s;
    await page.getByTestId('nav-settings').waitFor();
    await page.keyboard.press('Alt+9');
    const section = page.getByTestId('backups');
    await section.waitFor();
    expect(await section.textContent()).toContain('Aucune sauvegarde pour l’instant.');

    // a folder that is not a full path is refused under the field
    const folder = section.getByRole('textbox', { name: 'Copier aussi chaque sauvegarde dans ce dossier (clé USB, disque partagé)' });
    await folder.fill('sauvegardes');
    await section.getByRole('button', { name: 'Enregistrer le dossier' }).click();
    await expect.poll(async () => (await section.textContent()) ?? '').toContain('Indiquez le chemin complet du dossier : E:\\Sauvegardes sous Windows');

    // the USB key's folder, not plugged in: the backup is made, and the screen says the copy was not
    const usb = join(s.dir, 'CLE-USB');
    await folder.fill(usb);
    await section.getByRole('button', { name: 'Enregistrer le dossier' }).click();
    await expect.poll(() => s.core.services.settings.get().backupFolder).toBe(usb);
    await section.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
    await expect.poll(async () => plain((await page.locator('.mantine-Notification-root').last().textContent()) ?? '')).toContain(
      `Pas de copie dans ${usb} : le dossier est introuvable. Branchez la clé USB, puis cliquez sur « Sauvegarder maintenant ».`,
    );
    await expect.poll(() => section.getByTestId('backup-row').count()).toBe(1);
    // and the section keeps saying it until a copy reaches the key
    await expect.poll(async () => plain((await section.getByTestId('backup-status-copyFailed').textContent()) ?? '')).toContain(`n’a pas été copiée dans ${usb} : le dossier est introuvable`);

    // plugged in: the next backup is copied there too
    mkdirSync(usb);
    await section.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
    await expect.poll(() => section.getByTestId('backup-row').count()).toBe(2);
    await expect.poll(async () => plain((await page.locator('.mantine-Notification-root').last().textContent()) ?? '')).toMatch(/^Sauvegarde faite \([\d,]+ ko\)\. Copiée dans .*CLE-USB/);
    await expect.poll(() => section.getByTestId('backup-status-copyFailed').count()).toBe(0);
    expect(plain((await section.getByTestId('backup-status-offPc').textContent()) ?? '')).toMatch(/^Dernière copie hors du PC : .+, dans .*CLE-USB/);
    const rows = section.getByTestId('backup-row');
    expect(plain((await rows.first().textContent()) ?? '')).toMatch(/ManuelleCe PC et la clé[\d,]+ koRestaurer$/);
    expect(await rows.last().getAttribute('data-where')).toBe('pc');
    await page.screenshot({ path: join(SHOTS, 'backups.png'), fullPage: true });

    // restoring asks first, says what will be lost, then asks for a restart (the browser mode cannot restart itself)
    await rows.last().getByRole('button', { name: 'Restaurer' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('tout ce qui a été fait depuis (ventes, réceptions, inventaires…) n’y sera plus');
    // what it does not undo (users, PINs, this PC's setup), and what it does to the receipt numbers
    expect(plain((await dialog.getByTestId('backup-restore-keeps').textContent()) ?? '')).toBe(
      'Les utilisateurs et leurs codes PIN restent ceux d’aujourd’hui, tout comme l’imprimante, le dossier de copie et le serveur central de ce PC.',
    );
    expect(plain((await dialog.getByTestId('backup-restore-receipts').textContent()) ?? '')).toBe(
      'Les numéros de ticket repartiront de ceux de la sauvegarde : des numéros déjà imprimés depuis seront donnés une seconde fois.',
    );
    await page.screenshot({ path: join(SHOTS, 'backup-restore-dialog.png') });
    await dialog.getByRole('button', { name: 'Remplacer les données' }).click();
    await expect.poll(async () => (await dialog.getByTestId('backup-restart').textContent()) ?? '').toBe(
      'La restauration se fait au redémarrage : fermez Shelfcast et relancez-le pour la terminer.',
    );
    const marker = join(s.dir, 'restore-pending.json');
    expect(existsSync(marker)).toBe(true);
    const oldest = (await must<{ file: string }[]>(s.core.call('backup.list', {}))).at(-1)!;
    expect(JSON.parse(readFileSync(marker, 'utf8'))).toMatchObject({ file: oldest.file });

    // the page reloaded (nobody restarted yet): the restore waiting for the next start is still said
    await page.reload();
    await page.getByTestId('nav-settings').waitFor();
    await page.keyboard.press('Alt+9');
    const pending = page.getByTestId('backups').getByTestId('backup-status-pending');
    await expect.poll(async () => plain((await pending.textContent()) ?? '')).toMatch(
      /^Une restauration de la sauvegarde du .+ est demandée \(le .+\) : elle se fera au prochain démarrage de Shelfcast, et tout ce qui est fait d’ici là sera perdu\.$/,
    );
    expect(await pending.getAttribute('data-level')).toBe('warn');
    await page.screenshot({ path: join(SHOTS, 'backup-restore-pending.png'), fullPage: true });
    // the owner thinks better of it: called off, nothing waits for the next start
    await page.getByTestId('cancel-restore').click();
    await expect.poll(() => pending.count()).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect(await page.getByTestId('cancel-restore').count()).toBe(0);
  });
});

describe('browser mode: backups that no longer leave the PC are said on the dashboard; a backup only on the USB key is restored', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openRiceShop();
  });
  afterAll(async () => s?.close());

  it('the automatic backup whose copy failed is told at once and stays on the dashboard, which leads to the backups', async () => {
    const { page } = s;
    await page.getByTestId('nav-settings').waitFor();
    await page.keyboard.press('Alt+8');
    await page.getByTestId('dashboard').waitFor();
    // no folder for the copies yet: the dashboard says the backups are on this PC only
    await expect.poll(async () => plain((await page.getByTestId('dashboard-backup-offPc').textContent()) ?? '')).toContain('Les sauvegardes ne sont que sur ce PC');

    const usb = join(s.dir, 'CLE-USB');
    await must(s.core.call('settings.save', { backupFolder: usb }));
    // the key is not plugged in when the day's automatic backup runs
    expect(await s.core.services.backup.autoIfDue()).toMatchObject({ copyError: { problem: 'missing' } });
    await expect.poll(async () => plain((await page.locator('.mantine-Notification-root').last().textContent()) ?? '')).toBe(
      `La sauvegarde automatique est faite sur ce PC, mais pas copiée dans ${usb} : le dossier est introuvable. Branchez la clé USB, puis cliquez sur « Sauvegarder maintenant ».`,
    );
    const warning = page.getByTestId('dashboard-backup');
    await expect.poll(async () => plain((await warning.textContent()) ?? '')).toContain(`n’a pas été copiée dans ${usb} : le dossier est introuvable`);
    expect(await page.getByTestId('dashboard-backup-offPc').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'backups-dashboard-warning.png'), fullPage: true });

    await page.getByTestId('dashboard-open-backups').click();
    const section = page.getByTestId('backups');
    await section.waitFor();
    await expect.poll(() => section.evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBeLessThan(200);
  });

  it('a backup found only on the USB key (the old PC died) is marked so, and its restore copies it onto this PC first', async () => {
    const { page } = s;
    const usb = join(s.dir, 'CLE-USB');
    mkdirSync(usb, { recursive: true });
    // the old PC's backup, on the key
    const onPc = (await must<{ file: string }[]>(s.core.call('backup.list', {})))[0];
    const fromOldPc = 'shelfcast-manual-2026-01-15T18-30-00-000Z.db';
    copyFileSync(join(s.dir, 'backups', onPc.file), join(usb, fromOldPc));
    await page.reload();
    await page.getByTestId('nav-settings').waitFor();
    await page.keyboard.press('Alt+9');
    const section = page.getByTestId('backups');
    await expect.poll(() => section.locator('[data-where="folder"]').count()).toBe(1);
    const row = section.locator('[data-where="folder"]');
    expect(plain((await row.textContent()) ?? '')).toContain('Clé USB / dossier');
    await page.screenshot({ path: join(SHOTS, 'backups-on-the-key.png'), fullPage: true });

    await row.getByRole('button', { name: 'Restaurer' }).click();
    const dialog = page.getByRole('dialog');
    expect(plain((await dialog.textContent()) ?? '')).toContain(`Cette sauvegarde est d’abord copiée de ${usb} vers ce PC : la clé peut ensuite être retirée.`);
    expect(plain((await dialog.textContent()) ?? '')).toContain('Les utilisateurs et leurs codes PIN restent ceux d’aujourd’hui, tout comme l’imprimante, le dossier de copie et le serveur central de ce PC.');
    await dialog.getByRole('button', { name: 'Remplacer les données' }).click();
    await dialog.getByTestId('backup-restart').waitFor();
    expect(existsSync(join(s.dir, 'backups', fromOldPc))).toBe(true);
    expect(JSON.parse(readFileSync(join(s.dir, 'restore-pending.json'), 'utf8'))).toMatchObject({ file: fromOldPc });
  });
  it('another shop’s backup on the same key is marked « Autre boutique », and its restore is refused saying why', async () => {
    const { page } = s;
    const usb = join(s.dir, 'CLE-USB');
    const onPc = (await must<{ file: string; onPc: boolean }[]>(s.core.call('backup.list', {}))).find((b) => b.onPc)!;
    // the PC of the shop in Thiès copies its backups to the same key: its tag is not this shop's
    const other = `shelfcast-manual-2026-01-10T08-00-00-000Z-${s.core.services.backup.shopTag() === '0badc0de' ? '0badc0df' : '0badc0de'}.db`;
    copyFileSync(join(s.dir, 'backups', onPc.file), join(usb, other));
    await page.reload();
    await page.getByTestId('nav-settings').waitFor();
    await page.keyboard.press('Alt+9');
    const section = page.getByTestId('backups');
    const row = section.getByTestId('backup-row').filter({ hasText: 'Autre boutique' });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole('button', { name: 'Restaurer' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Remplacer les données' }).click();
    await expect
      .poll(async () => plain((await page.textContent('body')) ?? ''))
      .toContain('Cette sauvegarde est celle d’une autre boutique, dont le PC copie ses sauvegardes dans le même dossier : la restaurer remplacerait les ventes de cette boutique.');
    expect(JSON.parse(readFileSync(join(s.dir, 'restore-pending.json'), 'utf8')).file).not.toBe(other);
    expect(existsSync(join(s.dir, 'backups', other))).toBe(false);
  });
});
