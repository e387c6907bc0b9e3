import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must } from '../helpers/core';
import { openApp, type Session } from './browser';

const SHOTS = join(__dirname, '..', '..', 'test-results');
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('browser mode: Settings > Backups, as the owner uses it', () => {
  let s: Session;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    await must(s.core.call('products.save', { sku: 'RIZ', name: 'Riz parfumé', priceMinor: 650, costMinor: 500 }));
    await s.page.reload();
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
    await expect.poll(async () => plain((await page.locator('.mantine-Notification-root').last().textContent()) ?? '')).toContain(`Pas de copie dans ${usb} : ce dossier est introuvable. La clé USB est-elle branchée ?`);
    await expect.poll(() => section.getByTestId('backup-row').count()).toBe(1);

    // plugged in: the next backup is copied there too
    mkdirSync(usb);
    await section.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
    await expect.poll(() => section.getByTestId('backup-row').count()).toBe(2);
    await expect.poll(async () => plain((await page.locator('.mantine-Notification-root').last().textContent()) ?? '')).toMatch(/^Sauvegarde faite \(\d+ Ko\)\. Copiée dans .*CLE-USB/);
    const rows = section.getByTestId('backup-row');
    expect(plain((await rows.first().textContent()) ?? '')).toMatch(/Manuelle\d+ KoRestaurer$/);
    await page.screenshot({ path: join(SHOTS, 'backups.png'), fullPage: true });

    // restoring asks first, says what will be lost, then asks for a restart (the browser mode cannot restart itself)
    await rows.last().getByRole('button', { name: 'Restaurer' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('tout ce qui a été fait depuis (ventes, réceptions, inventaires…) n’y sera plus');
    await dialog.getByRole('button', { name: 'Remplacer les données' }).click();
    await expect.poll(async () => (await dialog.getByTestId('backup-restart').textContent()) ?? '').toBe(
      'La restauration se fait au redémarrage : fermez Shelfcast et relancez-le pour la terminer.',
    );
    const marker = join(s.dir, 'restore-pending.json');
    expect(existsSync(marker)).toBe(true);
    const oldest = (await must<{ file: string }[]>(s.core.call('backup.list', {}))).at(-1)!;
    expect(JSON.parse(readFileSync(marker, 'utf8'))).toMatchObject({ file: oldest.file });
  });
});
