import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { errorShapeText } from '../../src/renderer/src/api/error-text';
import type { AppErrorShape } from '../../src/shared/api/result';
import type { UserRecord } from '../../src/shared/domain/user';
import { must, openTestCore, ownerPin, refused, tempDir } from '../helpers/core';
import { translator } from '../helpers/messages';

const fr = translator('fr');

/**
 * The refusals the Welcome page, the Import screen, the journal and the count screen receive carry a
 * reason the renderer knows, so a French shop reads them in French (real core, real SQLite file).
 */
describe('refusals carry their reason in details (real SQLite file)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  const refusal = (channel: string, input: unknown) => refused<AppErrorShape>(channel, core.call(channel as never, input as never));
  const french = (e: AppErrorShape) => errorShapeText(e, fr, 'fr');

  beforeEach(() => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-05-14T10:00:00'));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('Welcome and Import: the demo over products, an empty file, a file that is gone, a binary file', async () => {
    await must(core.call('products.save', { sku: 'RIZ', name: 'Riz', priceMinor: 650 }));
    const demo = await refusal('onboarding.demo', {});
    expect(demo).toMatchObject({ code: 'conflict', details: { reason: 'demo_not_empty' } });
    expect(french(demo)).toBe('La boutique de démonstration s’ouvre dans une boutique vide : celle-ci a déjà des produits.');

    const empty = await refusal('onboarding.upload', { name: 'vide.csv', offset: 0, data: '', last: true });
    expect(french(empty)).toBe('Fichier vide : vérifiez le fichier, puis choisissez-le à nouveau.');

    const gone = await refusal('onboarding.preview', { uploadId: 'a'.repeat(32), kind: 'products' });
    expect(gone).toMatchObject({ code: 'not_found', details: { reason: 'upload_gone' } });
    expect(french(gone)).toBe('Ce fichier n’est plus là (l’application a redémarré ou il a été supprimé) : choisissez-le à nouveau.');

    const up = await must<{ uploadId: string }>(core.call('onboarding.upload', { name: 'photo.csv', offset: 0, data: Buffer.from([0x89, 0x00, 0x01, 0x00, 0x0a]).toString('base64'), last: true }));
    const binary = await refusal('onboarding.preview', { uploadId: up.uploadId, kind: 'products' });
    expect(binary).toMatchObject({ code: 'validation', field: 'file', details: { reason: 'file_issue', issue: 'not_text', specific: 'binary' } });
    expect(french(binary)).toBe('Ce n’est pas un fichier CSV : il contient des données binaires. Vérifiez le fichier, puis choisissez-le à nouveau.');
  });

  it('the journal: a day to come, another day for a cashier, a receipt that does not exist', async () => {
    const toCome = await refusal('journal.day', { date: '2026-05-20' });
    expect(toCome).toMatchObject({ code: 'validation', field: 'date', details: { reason: 'day_to_come', day: '2026-05-20' } });
    expect(french(toCome)).toBe('Le 20/05/2026 n’est pas encore arrivé.');
    const missing = await refusal('journal.reprint', { receiptNo: 42 });
    expect(french(missing)).toBe('Aucun ticket n° 42.');

    await ownerPin(core);
    const fatou = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    await must(core.call('session.login', { userId: fatou.id, pin: '4821' }));
    const otherDay = await refusal('journal.day', { date: '2026-05-13' });
    expect(otherDay).toMatchObject({ code: 'forbidden', details: { reason: 'journal_today_only' } });
    expect(french(otherDay)).toBe('Un caissier ne voit que le journal du jour : demandez au gérant pour un autre jour.');
  });

  it('the count screen: a count that does not exist, a misread barcode', async () => {
    const none = await refusal('counts.get', { id: 99 });
    expect(french(none)).toBe('Cet inventaire n’existe pas.');
    await must(core.call('products.save', { sku: 'RIZ', name: 'Riz', priceMinor: 650 }));
    const count = await must<{ id: number }>(core.call('counts.start', {}));
    // a scale label (prefix 2x) whose check digit is wrong
    const misread = await refusal('counts.scan', { id: count.id, code: '2012345012348' });
    expect(misread).toMatchObject({ code: 'validation', field: 'code', details: { reason: 'bad_check_digit' } });
    expect(french(misread)).toBe('Code-barres mal lu (clé de contrôle fausse) : scannez à nouveau.');
  });
});
