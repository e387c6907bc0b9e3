import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { ShopSettings } from '../../src/shared/domain/settings';
import type { UserRecord } from '../../src/shared/domain/user';
import { must, openTestCore, tempDir } from '../helpers/core';

const PRINTER = 'tcp://192.168.1.50:9100';
const USB = '/media/usb/Sauvegardes';
const OWNER_PIN = '5183';

describe('settings: what main accepts, and where things live only for the owner', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  beforeEach(() => {
    tmp = tempDir();
    core = openTestCore(tmp.dir);
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });
  const stored = () => core.store.sqlite.prepare('SELECT key FROM settings ORDER BY key').pluck().all() as string[];

  it('refuses a key it does not know, naming it, and saves nothing of that call', async () => {
    const before = stored();
    expect(await core.call('settings.save', { unknownKey: 'x' })).toMatchObject({ ok: false, error: { code: 'validation', message: 'unknown setting: "unknownKey"' } });
    // a known field beside an unknown one is not saved either
    expect(await core.call('settings.save', { shopName: 'Boutique Awa', autolockMinutes: 5, backupfolder: '/tmp' })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'unknown settings: "autolockMinutes", "backupfolder"' },
    });
    expect(stored()).toEqual(before);
    expect(core.services.settings.get().shopName).not.toBe('Boutique Awa');
    // what each Settings section sends is still taken
    await must(core.call('settings.save', { shopName: 'Boutique Awa', locale: 'fr', dayEndHour: 0 }));
    await must(core.call('settings.save', { receiptOutput: 'escpos', receiptPrinter: '', escposTarget: PRINTER, receiptWidth: 58, autoPrint: true, drawerKick: true }));
    await must(core.call('settings.save', { backupFolder: USB }));
    expect(core.services.settings.get()).toMatchObject({ shopName: 'Boutique Awa', escposTarget: PRINTER, backupFolder: USB });
  });

  it('auto-lock: never (0) or 2 to 60 minutes, as Settings offers; 1 minute and more than an hour are refused on the field', async () => {
    for (const minutes of [1, 61, 240, -1, 2.5]) {
      expect(await core.call('settings.save', { autoLockMinutes: minutes })).toMatchObject({ ok: false, error: { code: 'validation', field: 'autoLockMinutes' } });
    }
    expect(core.services.settings.get().autoLockMinutes).toBe(10);
    for (const minutes of [0, 2, 5, 60]) {
      await must(core.call('settings.save', { autoLockMinutes: minutes }));
      expect(core.services.settings.get().autoLockMinutes).toBe(minutes);
    }
  });

  it('the backup folder and the printer address reach the owner only: a cashier, a manager and the lock screen get them blank', async () => {
    await must(core.call('settings.save', { receiptOutput: 'escpos', escposTarget: PRINTER, backupFolder: USB, receiptPrinter: 'EPSON_TM_T20' }));
    const owner = core.services.session.owner();
    await must(core.call('users.save', { id: owner.id, name: owner.name, role: 'owner', pin: OWNER_PIN, active: true }));
    const fatou = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    const moussa = await must<UserRecord>(core.call('users.save', { name: 'Moussa', role: 'manager', pin: '7350' }));
    const settings = () => must<ShopSettings>(core.call('settings.get', {}));
    const dbPath = async () => (await must<{ dbPath: string }>(core.call('app.info', {}))).dbPath;

    expect(await settings()).toMatchObject({ escposTarget: PRINTER, backupFolder: USB });

    await must(core.call('session.lock', {}));
    // what the lock screen and the till need is still there
    expect(await settings()).toMatchObject({ escposTarget: '', backupFolder: '', receiptOutput: 'escpos', receiptPrinter: 'EPSON_TM_T20', autoLockMinutes: 10 });
    expect(await dbPath()).toBe('');

    for (const [who, pin] of [
      [fatou, '4821'],
      [moussa, '7350'],
    ] as const) {
      await must(core.call('session.login', { userId: who.id, pin }));
      expect(await settings()).toMatchObject({ escposTarget: '', backupFolder: '', receiptOutput: 'escpos' });
      expect(await dbPath()).toBe('');
      await must(core.call('session.lock', {}));
    }

    // the owner gets them back, and main's own settings (printing, backups) never lost them
    await must(core.call('session.login', { userId: owner.id, pin: OWNER_PIN }));
    expect(await settings()).toMatchObject({ escposTarget: PRINTER, backupFolder: USB });
    expect(await dbPath()).not.toBe('');
    expect(core.services.settings.get()).toMatchObject({ escposTarget: PRINTER, backupFolder: USB });
  });
});
