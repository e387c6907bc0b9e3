import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrintOutcome } from '../../src/shared/api/contract';
import type { ReceiptDocument } from '../../src/shared/domain/sale';
import { parsePrinterTarget } from '../../src/shared/domain/printer';
import { Core } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { electronSystemPrinter, type PrintWindow } from '../../src/main/printing/electron-printer';
import { printerDeviceProblem, sendRaw } from '../../src/main/printing/raw';
import { errorShapeText } from '../../src/renderer/src/api/error-text';
import type { AppErrorShape } from '../../src/shared/api/result';
import { MIGRATIONS, must, openTestCore, ownerPin, tempDir } from '../helpers/core';
import { translator } from '../helpers/messages';

const KICK = Buffer.from([0x1b, 0x70, 0x00, 0x19, 0xfa]);

/** A raw thermal printer on port 9100, as far as the network is concerned: it keeps every byte. */
async function fakeNetworkPrinter(): Promise<{ url: string; jobs: Buffer[]; server: Server; received(): Promise<Buffer> }> {
  const jobs: Buffer[] = [];
  const waiting: ((b: Buffer) => void)[] = [];
  let taken = 0;
  const server = createServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => {
      const job = Buffer.concat(chunks);
      jobs.push(job);
      const next = waiting.shift();
      if (next) {
        taken++;
        next(job);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `tcp://127.0.0.1:${port}`,
    jobs,
    server,
    /** The next job not yet looked at, waiting for it if needed. */
    received: () => new Promise((resolve) => (taken < jobs.length ? resolve(jobs[taken++]) : waiting.push(resolve))),
  };
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('printer addresses', () => {
  it('reads network, device, COM port and Windows share addresses, and refuses anything else', () => {
    expect(parsePrinterTarget('tcp://192.168.1.50:9100')).toEqual({ kind: 'tcp', host: '192.168.1.50', port: 9100 });
    expect(parsePrinterTarget('tcp://caisse-imprimante')).toEqual({ kind: 'tcp', host: 'caisse-imprimante', port: 9100 });
    expect(parsePrinterTarget('/dev/usb/lp0')).toEqual({ kind: 'device', path: '/dev/usb/lp0' });
    expect(parsePrinterTarget('com3')).toEqual({ kind: 'device', path: '\\\\.\\COM3' });
    expect(parsePrinterTarget('\\\\localhost\\POS80')).toEqual({ kind: 'device', path: '\\\\localhost\\POS80' });
    for (const bad of ['', 'printer', 'tcp://host:99999', 'http://192.168.1.50', 'C:printer']) expect(parsePrinterTarget(bad), bad).toBeNull();
  });

  it('takes a path only under /dev and never the Windows device namespace: not the shop database, not a way out of /dev', () => {
    for (const bad of ['/home/shop/.config/Shelfcast/shop.db', '/tmp/lp0', '/dev', '/dev/', '/dev/../home/shop/shop.db', '/dev/usb/../../tmp/x', '/dev/./lp0', '/dev//lp0', '\\\\.\\PhysicalDrive0', '\\\\..\\x']) {
      expect(parsePrinterTarget(bad), bad).toBeNull();
    }
    expect(parsePrinterTarget('/dev/ttyUSB0')).toEqual({ kind: 'device', path: '/dev/ttyUSB0' });
  });

  it('the device check: a character device under /dev on Linux and macOS; COM, LPT and printer shares on Windows', () => {
    const char = { isCharacterDevice: () => true };
    const file = { isCharacterDevice: () => false };
    expect(printerDeviceProblem('/dev/usb/lp0', char, 'linux')).toBeNull();
    expect(printerDeviceProblem('/dev/cu.usbserial', char, 'darwin')).toBeNull();
    expect(printerDeviceProblem('/dev/fd/7', file, 'linux')).toMatch(/not a printer device/);
    expect(printerDeviceProblem('/tmp/lp0', char, 'linux')).toMatch(/not a device under \/dev/);
    for (const good of ['\\\\.\\COM3', '\\\\.\\LPT1', '\\\\localhost\\POS80']) expect(printerDeviceProblem(good, null, 'win32'), good).toBeNull();
    for (const bad of ['\\\\.\\PhysicalDrive0', 'C:\\Users\\shop\\shop.db', '/dev/usb/lp0', '\\\\host\\share\\file.db']) expect(printerDeviceProblem(bad, null, 'win32'), bad).not.toBeNull();
  });
});

describe('raw ESC/POS delivery', () => {
  it('sends the exact bytes to a network printer', async () => {
    const printer = await fakeNetworkPrinter();
    const bytes = Buffer.from([0x1b, 0x40, 0x41, 0x42, 0x0a, 0x1d, 0x56, 0x42, 0x00]);
    await sendRaw(parsePrinterTarget(printer.url)!, bytes);
    expect(await printer.received()).toEqual(bytes);
    printer.server.close();
  });

  it('says plainly when a network printer refuses the connection', async () => {
    const port = await closedPort();
    await expect(sendRaw({ kind: 'tcp', host: '127.0.0.1', port }, Buffer.from('x'))).rejects.toThrow(/refused the connection/);
  });

  it('writes to a real character device (/dev/null) and refuses to create a device that is not there', async () => {
    await sendRaw({ kind: 'device', path: '/dev/null' }, Buffer.from('TICKET'));
    const missing = '/dev/shelfcast-no-such-printer';
    await expect(sendRaw({ kind: 'device', path: missing }, Buffer.from('x'))).rejects.toThrow(/does not exist \(is the printer plugged in\?\)/);
    expect(existsSync(missing)).toBe(false);
  });

  it('never writes to a regular file, even one reached through /dev/fd, nor to a path outside /dev', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'shop.db');
    writeFileSync(file, 'SQLite format 3\0 keep me');
    const fd = openSync(file, 'r');
    try {
      await expect(sendRaw({ kind: 'device', path: `/dev/fd/${fd}` }, Buffer.from('\x1b@TICKET'))).rejects.toThrow(/is not a printer device \(a character device under \/dev\); nothing was sent/);
      await expect(sendRaw({ kind: 'device', path: file }, Buffer.from('\x1b@TICKET'))).rejects.toThrow(/is not a device under \/dev; nothing was sent/);
      expect(readFileSync(file, 'latin1')).toBe('SQLite format 3\0 keep me');
    } finally {
      closeSync(fd);
      tmp.cleanup();
    }
  });

  it('writes the exact bytes to a device that exists (test seam: a temp file stands in for the printer device)', async () => {
    const tmp = tempDir();
    const device = join(tmp.dir, 'lp0');
    writeFileSync(device, '');
    const standIn = { testDeviceCheck: () => null };
    await sendRaw({ kind: 'device', path: device }, Buffer.from('TICKET'), standIn);
    expect(readFileSync(device, 'latin1')).toBe('TICKET');
    const missing = join(tmp.dir, 'lp1');
    await expect(sendRaw({ kind: 'device', path: missing }, Buffer.from('x'), standIn)).rejects.toThrow(/does not exist \(is the printer plugged in\?\)/);
    expect(existsSync(missing)).toBe(false);
    tmp.cleanup();
  });
});

describe('receipt printing from a real shop database', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let riz: number;
  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-11-20T09:15:00'));
    riz = (await must<{ id: number }>(core.call('products.save', { sku: 'RIZ', name: 'Riz parfumé 5 kg', priceMinor: 4500, vatRateBp: 0 }))).id;
    await must(core.call('ledger.record', { lines: [{ productId: riz, kind: 'receipt', quantity: 20 }] }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });
  const sellCash = () => must<{ receiptNo: number }>(core.call('pos.checkout', { lines: [{ productId: riz, quantity: 2 }], tenders: [{ tender: 'cash', amountMinor: 10_000 }] }));

  it('prints each cash sale on the thermal printer as soon as it is paid, with the drawer pulse', async () => {
    const printer = await fakeNetworkPrinter();
    await must(core.call('settings.save', { receiptOutput: 'escpos', escposTarget: printer.url, autoPrint: true, drawerKick: true, receiptWidth: 58 }));
    const sale = await sellCash();
    const job = (await printer.received()).toString('latin1');
    expect(job).toContain(`Ticket No ${sale.receiptNo}`);
    expect(job).toContain('Riz parfume 5 kg');
    expect(job.split('\n').every((line) => line.replace('\u001b@', '').length <= 32)).toBe(true);
    expect(job.endsWith(KICK.toString('latin1'))).toBe(true);
    printer.server.close();
  });

  it('the copy printed as the sale is paid names the unit of what is sold by weight, as a reprint does', async () => {
    const printer = await fakeNetworkPrinter();
    const sucre = (await must<{ id: number }>(core.call('products.save', { sku: 'SUCRE', name: 'Sucre en poudre', unit: 'kg', priceMinor: 450, vatRateBp: 0 }))).id;
    await must(core.call('ledger.record', { lines: [{ productId: sucre, kind: 'receipt', quantity: 25 }] }));
    await must(core.call('settings.save', { receiptOutput: 'escpos', escposTarget: printer.url, autoPrint: true, receiptWidth: 80 }));
    await must(core.call('pos.checkout', { lines: [{ productId: sucre, quantity: 1.235 }], tenders: [{ tender: 'wave', amountMinor: 556 }] }));
    const job = (await printer.received()).toString('latin1');
    expect(job).toMatch(/1,235 kg x 450 FCFA\/kg +556 FCFA/);
    printer.server.close();
  });

  it('reprints on request without opening the drawer when the sale was not paid in cash', async () => {
    const printer = await fakeNetworkPrinter();
    await must(core.call('settings.save', { receiptOutput: 'escpos', escposTarget: printer.url, drawerKick: true }));
    const sale = await must<{ receiptNo: number }>(core.call('pos.checkout', { lines: [{ productId: riz, quantity: 1 }], tenders: [{ tender: 'wave', amountMinor: 4500 }] }));
    const outcome = await must<PrintOutcome>(core.call('print.receipt', { receiptNo: sale.receiptNo }));
    expect(outcome).toEqual({ via: 'escpos', printed: true, destination: printer.url, drawerOpened: false });
    const job = (await printer.received()).toString('latin1');
    expect(job).toContain('Wave');
    expect(job.includes(KICK.toString('latin1'))).toBe(false);
    printer.server.close();
  });

  it('reprints from the journal as a DUPLICATA copy: no drawer pulse, audited, a cashier only for today', async () => {
    const printer = await fakeNetworkPrinter();
    await must(core.call('settings.save', { receiptOutput: 'escpos', escposTarget: printer.url, drawerKick: true }));
    const sale = await sellCash();
    await printer.received(); // the drawer opened for the cash sale itself
    await must(core.call('print.receipt', { receiptNo: sale.receiptNo, duplicate: true }));
    const copy = (await printer.received()).toString('latin1');
    expect(copy).toContain('*** DUPLICATA ***');
    expect(copy.includes(KICK.toString('latin1'))).toBe(false);
    const audit = core.store.sqlite.prepare("SELECT detail FROM audit WHERE action = 'reprint'").all() as { detail: string }[];
    expect(audit.map((a) => JSON.parse(a.detail) as Record<string, unknown>)).toEqual([{ receiptNo: sale.receiptNo, to: 'escpos', destination: printer.url }]);
    core.services.session.actAs({ id: 99, name: 'Awa', role: 'cashier' });
    expect(await core.call('print.receipt', { receiptNo: sale.receiptNo, duplicate: true })).toMatchObject({ ok: true });
    core.close();
    core = openTestCore(tmp.dir, () => new Date('2026-11-21T08:00:00'));
    core.services.session.actAs({ id: 99, name: 'Awa', role: 'cashier' });
    expect(await core.call('print.receipt', { receiptNo: sale.receiptNo, duplicate: true })).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'receiptNo' } });
    printer.server.close();
  });

  it('keeps the sale when the printer is down, and tells the screen the receipt did not come out', async () => {
    const port = await closedPort();
    await must(core.call('settings.save', { receiptOutput: 'escpos', escposTarget: `tcp://127.0.0.1:${port}`, autoPrint: true }));
    const failed = new Promise<{ receiptNo: number; message: string }>((resolve) => core.onEvent((e, p) => e === 'print.failed' && resolve(p as { receiptNo: number; message: string })));
    const sale = await sellCash();
    const failure = await failed;
    expect(failure.receiptNo).toBe(sale.receiptNo);
    expect(failure.message).toMatch(/refused the connection/);
    expect((core.store.sqlite.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n).toBe(1);
    const reprint = await core.call('print.receipt', { receiptNo: sale.receiptNo });
    expect(reprint).toMatchObject({ ok: false, error: { code: 'device' } });
  });

  it('refuses a bad printer address in the settings, naming the field, and keeps the old one', async () => {
    const bad = await core.call('settings.save', { escposTarget: 'imprimante du comptoir' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', field: 'escposTarget' } });
    expect(core.services.settings.get().escposTarget).toBe('');
    const noTarget = await core.call('print.test', { receiptOutput: 'escpos', receiptPrinter: '', escposTarget: '', receiptWidth: 80 });
    expect(noTarget).toMatchObject({ ok: false, error: { field: 'escposTarget' } });
  });

  it('says that silent printing needs the desktop app when there is no system printer (browser mode)', async () => {
    await must(core.call('settings.save', { receiptOutput: 'system' }));
    const sale = await sellCash();
    expect(await core.call('print.receipt', { receiptNo: sale.receiptNo })).toMatchObject({ ok: false, error: { code: 'unsupported', field: 'receiptOutput' } });
    expect(await must(core.call('print.printers', {}))).toEqual([]);
  });

  it('lets the owner test a printer and a manager open the drawer, audited; a cashier may not', async () => {
    const printer = await fakeNetworkPrinter();
    const outcome = await must<PrintOutcome>(core.call('print.test', { receiptOutput: 'escpos', receiptPrinter: '', escposTarget: printer.url, receiptWidth: 80 }));
    expect(outcome.printed).toBe(true);
    expect((await printer.received()).toString('latin1')).toContain('Test d');
    await must(core.call('settings.save', { escposTarget: printer.url }));
    await must(core.call('print.openDrawer', {}));
    expect(await printer.received()).toEqual(KICK);
    const audited = core.store.sqlite.prepare("SELECT action FROM audit WHERE entity = 'printer' ORDER BY id").all() as { action: string }[];
    expect(audited.map((a) => a.action)).toEqual(['print_test', 'open_drawer']);
    core.services.session.actAs({ id: 99, name: 'Awa', role: 'cashier' });
    expect(await core.call('print.openDrawer', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(printer.jobs).toHaveLength(2);
    printer.server.close();
  });

  it('a test print ends with a line of digits exactly as wide as the chosen columns, so the owner sees whether 48 fit', async () => {
    const printer = await fakeNetworkPrinter();
    for (const [receiptWidth, escposColumns, ruler] of [
      [80, 48, '123456789012345678901234567890123456789012345<48'],
      [80, 42, '123456789012345678901234567890123456789<42'],
      [58, 48, '12345678901234567890123456789<32'],
    ] as const) {
      await must(core.call('print.test', { receiptOutput: 'escpos', receiptPrinter: '', escposTarget: printer.url, receiptWidth, escposColumns }));
      const lines = (await printer.received()).toString('latin1').split('\n');
      expect(lines).toContain(ruler);
      expect(ruler).toHaveLength(receiptWidth === 58 ? 32 : escposColumns);
      expect(lines.filter((l) => l.replace('\u001b@', '').length > ruler.length)).toEqual([]);
    }
    // saved, the choice lays out the sales' receipts, which carry no digits
    await must(core.call('settings.save', { receiptOutput: 'escpos', escposTarget: printer.url, autoPrint: true, receiptWidth: 80, escposColumns: 48 }));
    await sellCash();
    const sale = (await printer.received()).toString('latin1').split('\n');
    expect(sale.find((l) => l.startsWith('TOTAL'))).toMatch(/^TOTAL {20,}9 000 FCFA$/);
    expect(sale.find((l) => l.startsWith('TOTAL'))).toHaveLength(48);
    expect(sale.some((l) => l.includes('<48'))).toBe(false);
    expect(await core.call('settings.save', { escposColumns: 40 })).toMatchObject({ ok: false, error: { code: 'validation', field: 'escposColumns' } });
    printer.server.close();
  });

  it('a test print is the owner’s, as the printer address: a manager may not send bytes to an address of his choosing', async () => {
    const printer = await fakeNetworkPrinter();
    const config = { receiptOutput: 'escpos', receiptPrinter: '', escposTarget: printer.url, receiptWidth: 80 } as const;
    core.services.session.actAs({ id: 98, name: 'Moussa', role: 'manager' });
    expect(await core.call('print.test', config)).toMatchObject({ ok: false, error: { code: 'forbidden', details: { reason: 'role', needs: 'owner' } } });
    expect(printer.jobs).toHaveLength(0);
    expect(core.store.sqlite.prepare("SELECT count(*) AS n FROM audit WHERE action = 'print_test'").get()).toEqual({ n: 0 });
    printer.server.close();
  });

  it('refuses a printer address that is a file, even the shop database, when saving it and when printing to it: nothing is written', async () => {
    const dbPath = join(tmp.dir, 'shop.db');
    const header = () => readFileSync(dbPath).subarray(0, 16).toString('latin1');
    expect(header()).toBe('SQLite format 3\0');
    const plain = { receiptOutput: 'escpos', receiptPrinter: '', receiptWidth: 80 } as const;
    // a path outside /dev is no printer address at all
    for (const escposTarget of [dbPath, '/dev/../' + dbPath.slice(1)]) {
      expect(await core.call('print.test', { ...plain, escposTarget })).toMatchObject({ ok: false, error: { code: 'validation', field: 'escposTarget' } });
      expect(await core.call('settings.save', { escposTarget })).toMatchObject({ ok: false, error: { code: 'validation', field: 'escposTarget' } });
    }
    // under /dev but a regular file once opened (/dev/fd/N is the database itself): refused, named, untouched
    const fd = openSync(dbPath, 'r');
    try {
      const viaFd = `/dev/fd/${fd}`;
      const printed = await core.call('print.test', { ...plain, escposTarget: viaFd });
      expect(printed).toMatchObject({ ok: false, error: { code: 'validation', field: 'escposTarget', details: { reason: 'printer_not_device', path: viaFd } } });
      expect(errorShapeText((printed as { error: AppErrorShape }).error, translator('fr'), 'fr')).toBe(`« ${viaFd} » n’est pas une imprimante : un périphérique d’imprimante (/dev/usb/lp0, COM3), un partage (\\\\poste\\imprimante) ou tcp://adresse:9100. Rien n’a été envoyé.`);
      const saved = await core.call('settings.save', { escposTarget: viaFd });
      expect(saved).toMatchObject({ ok: false, error: { code: 'validation', field: 'escposTarget', details: { reason: 'printer_not_device', path: viaFd } } });
    } finally {
      closeSync(fd);
    }
    expect(await core.call('settings.save', { escposTarget: '/dev/shelfcast-lp9' })).toMatchObject({ ok: false, error: { field: 'escposTarget', details: { reason: 'printer_missing' } } });
    expect(core.services.settings.get().escposTarget).toBe('');
    expect(header()).toBe('SQLite format 3\0');
    expect((await must<{ items: unknown[] }>(core.call('products.list', {}))).items).toHaveLength(1);
    // a real character device is a printer address
    expect(await must(core.call('settings.save', { escposTarget: '/dev/null' }))).toMatchObject({ escposTarget: '/dev/null' });
    expect(await must(core.call('print.test', { ...plain, escposTarget: '/dev/null' }))).toMatchObject({ printed: true, destination: '/dev/null' });
  });
});

describe('the till’s first copy and reprints: only the sale just committed prints unmarked (real SQLite file)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let printer: Awaited<ReturnType<typeof fakeNetworkPrinter>>;
  let now: number;
  let riz: number;
  let cashier: { id: number; name: string; role: 'cashier' };
  const DUP = '*** DUPLICATA ***';
  const reprints = () => (core.store.sqlite.prepare("SELECT detail FROM audit WHERE action = 'reprint' ORDER BY id").all() as { detail: string }[]).map((r) => JSON.parse(r.detail) as Record<string, unknown>);
  const sellCash = () => must<{ receiptNo: number }>(core.call('pos.checkout', { lines: [{ productId: riz, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 5000 }] }));

  beforeEach(async () => {
    tmp = tempDir();
    now = Date.parse('2026-11-20T09:15:00');
    core = openTestCore(tmp.dir, () => new Date(now));
    printer = await fakeNetworkPrinter();
    riz = (await must<{ id: number }>(core.call('products.save', { sku: 'RIZ', name: 'Riz parfumé 5 kg', priceMinor: 4500, vatRateBp: 0 }))).id;
    await must(core.call('ledger.record', { lines: [{ productId: riz, kind: 'receipt', quantity: 20 }] }));
    await must(core.call('settings.save', { receiptOutput: 'escpos', escposTarget: printer.url, drawerKick: true, autoPrint: false }));
    await ownerPin(core);
    const fatou = await must<{ id: number }>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    cashier = { id: fatou.id, name: 'Fatou', role: 'cashier' };
  });
  afterEach(() => {
    printer.server.close();
    core.close();
    tmp.cleanup();
  });

  it('a cashier asking for an unmarked receipt of a past sale gets the journal’s refusal: nothing printed, no drawer, no PDF', async () => {
    const old = await sellCash();
    expect(await printer.received()).toEqual(KICK); // the drawer opened for that sale, at the time
    now += 2 * 86_400_000;
    core.services.session.actAs(cashier);
    const forbidden = { ok: false, error: { code: 'forbidden', field: 'receiptNo', details: { reason: 'reprint_today_only' } } };
    expect(await core.call('print.receipt', { receiptNo: old.receiptNo, duplicate: false })).toMatchObject(forbidden);
    expect(await core.call('pos.receipt', { receiptNo: old.receiptNo })).toMatchObject(forbidden);
    expect(printer.jobs).toHaveLength(1);
    expect(reprints()).toEqual([]);
  });

  it('any receipt but the one just committed comes as an audited DUPLICATA without the drawer, on paper and as a PDF', async () => {
    const first = await sellCash(); // rung up by the owner
    await printer.received();
    core.services.session.actAs(cashier);
    const paper = await must<PrintOutcome>(core.call('print.receipt', { receiptNo: first.receiptNo, duplicate: false }));
    // printed where the owner set it; the printer's address itself is the owner's (ipc/redact)
    expect(paper).toEqual({ via: 'escpos', printed: true, destination: '', drawerOpened: false });
    const copy = (await printer.received()).toString('latin1');
    expect(copy).toContain(DUP);
    expect(copy.includes(KICK.toString('latin1'))).toBe(false);
    const pdf = await must<ReceiptDocument>(core.call('pos.receipt', { receiptNo: first.receiptNo, width: 58 }));
    expect(pdf.text).toContain(DUP);
    expect(reprints()).toEqual([
      { receiptNo: first.receiptNo, to: 'escpos', destination: printer.url },
      { receiptNo: first.receiptNo, width: 58 },
    ]);
  });

  it('the sale just committed prints unmarked once, for the one who rang it up, the drawer opening once; any other copy is a DUPLICATA', async () => {
    core.services.session.actAs(cashier);
    const sale = await sellCash();
    expect(await printer.received()).toEqual(KICK); // the drawer opened at payment
    // the Sell screen: the receipt on request, the first copy, unmarked, not audited
    expect(await must<PrintOutcome>(core.call('print.receipt', { receiptNo: sale.receiptNo, duplicate: false }))).toMatchObject({ printed: true, drawerOpened: false });
    const original = (await printer.received()).toString('latin1');
    expect(original).toContain(`Ticket No ${sale.receiptNo}`);
    expect(original).not.toContain(DUP);
    expect(original.includes(KICK.toString('latin1'))).toBe(false);
    expect(reprints()).toEqual([]);

    // within the ten minutes, a second paper copy or its PDF is a copy: marked and audited
    await must(core.call('print.receipt', { receiptNo: sale.receiptNo, duplicate: false }));
    expect((await printer.received()).toString('latin1')).toContain(DUP);
    expect((await must<ReceiptDocument>(core.call('pos.receipt', { receiptNo: sale.receiptNo }))).text).toContain(DUP);
    expect(reprints()).toHaveLength(2);
    // another user at the till: a reprint
    core.services.session.actAs({ id: 1, name: 'Patron', role: 'owner' });
    expect((await must<ReceiptDocument>(core.call('pos.receipt', { receiptNo: sale.receiptNo }))).text).toContain(DUP);
    expect(reprints()).toHaveLength(3);
  });

  it('a shop on PDF receipts gets the first PDF unmarked, then DUPLICATA; a later sale has its own first copy', async () => {
    await must(core.call('settings.save', { receiptOutput: 'pdf' }));
    core.services.session.actAs(cashier);
    const sale = await sellCash();
    expect((await must<ReceiptDocument>(core.call('pos.receipt', { receiptNo: sale.receiptNo }))).text).not.toContain(DUP);
    expect((await must<ReceiptDocument>(core.call('pos.receipt', { receiptNo: sale.receiptNo }))).text).toContain(DUP);
    const next = await sellCash();
    expect((await must<ReceiptDocument>(core.call('pos.receipt', { receiptNo: next.receiptNo }))).text).not.toContain(DUP);
    // once the customer has long gone, the first copy of a sale never asked for is a reprint too
    const late = await sellCash();
    now += 11 * 60_000;
    expect((await must<ReceiptDocument>(core.call('pos.receipt', { receiptNo: late.receiptNo }))).text).toContain(DUP);
    expect(reprints()).toHaveLength(2);
  });

  it('the drawer opens with the first copy when it could not open at payment, never again after', async () => {
    await must(core.call('settings.save', { escposTarget: `tcp://127.0.0.1:${await closedPort()}` }));
    const failed = new Promise<void>((resolve) => core.onEvent((e) => e === 'print.failed' && resolve()));
    core.services.session.actAs(cashier);
    const sale = await sellCash();
    await failed; // the printer (and its drawer) was off at payment
    core.services.session.actAs({ id: 1, name: 'Patron', role: 'owner' });
    await must(core.call('settings.save', { escposTarget: printer.url }));
    core.services.session.actAs(cashier);
    expect(await must<PrintOutcome>(core.call('print.receipt', { receiptNo: sale.receiptNo, duplicate: false }))).toMatchObject({ drawerOpened: true });
    expect((await printer.received()).toString('latin1').endsWith(KICK.toString('latin1'))).toBe(true);
    expect(await must<PrintOutcome>(core.call('print.receipt', { receiptNo: sale.receiptNo, duplicate: false }))).toMatchObject({ drawerOpened: false });
    expect((await printer.received()).toString('latin1').includes(KICK.toString('latin1'))).toBe(false);
  });
});

describe('a slow thermal printer (fake printer that holds each job until released: no real printer here)', () => {
  it('a print asked for while the automatic one is still on its way is the DUPLICATA, and the drawer opens once', async () => {
    const tmp = tempDir();
    const jobs: { bytes: Buffer; release(): void }[] = [];
    const core = new Core({
      dbPath: join(tmp.dir, 'shop.db'),
      migrationsFolder: MIGRATIONS,
      logger: silentLogger,
      mode: 'web',
      version: 'test',
      now: () => new Date('2026-11-20T09:15:00'),
      printerSend: (_target, bytes) => new Promise<void>((release) => jobs.push({ bytes, release })),
    });
    const riz = (await must<{ id: number }>(core.call('products.save', { sku: 'RIZ', name: 'Riz parfumé 5 kg', priceMinor: 4500, vatRateBp: 0 }))).id;
    await must(core.call('ledger.record', { lines: [{ productId: riz, kind: 'receipt', quantity: 20 }] }));
    await must(core.call('settings.save', { receiptOutput: 'escpos', escposTarget: 'tcp://127.0.0.1:9100', drawerKick: true, autoPrint: true }));
    const sale = await must<{ receiptNo: number }>(core.call('pos.checkout', { lines: [{ productId: riz, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 5000 }] }));
    await new Promise((r) => setTimeout(r, 20));
    expect(jobs).toHaveLength(1); // the automatic receipt, with the drawer pulse, still printing
    const kick = KICK.toString('latin1');
    expect(jobs[0].bytes.toString('latin1').endsWith(kick)).toBe(true);
    // the cashier presses Print meanwhile
    const manual = core.call('print.receipt', { receiptNo: sale.receiptNo, duplicate: false });
    await new Promise((r) => setTimeout(r, 20));
    expect(jobs).toHaveLength(2);
    jobs.forEach((j) => j.release());
    expect(await must<PrintOutcome>(manual)).toMatchObject({ printed: true, drawerOpened: false });
    const second = jobs[1].bytes.toString('latin1');
    expect(second).toContain('DUPLICATA');
    expect(second.includes(kick)).toBe(false);
    core.close();
    tmp.cleanup();
  });
});

describe('silent printing in the Electron app (fake Electron print window: the Electron binary cannot run here)', () => {
  it('prints the receipt HTML on the chosen printer at the roll width, in a script-less window it then destroys', async () => {
    const tmp = tempDir();
    const printed: { options: Record<string, unknown>; url: string }[] = [];
    let destroyed = 0;
    const window = (options: { webPreferences: { javascript: boolean; sandbox: boolean } }): PrintWindow => {
      expect(options.webPreferences).toMatchObject({ javascript: false, sandbox: true });
      let url = '';
      return {
        loadURL: async (u) => void (url = u),
        destroy: () => void destroyed++,
        webContents: {
          print: (o, cb) => {
            printed.push({ options: o, url });
            cb(true, '');
          },
          getPrintersAsync: async () => [{ name: 'EPSON_TM_T20', displayName: 'EPSON TM-T20', isDefault: true }],
        },
      };
    };
    const core = new Core({ dbPath: join(tmp.dir, 'shop.db'), migrationsFolder: MIGRATIONS, logger: silentLogger, mode: 'electron', version: 'test', systemPrinter: electronSystemPrinter(window) });
    try {
      const id = (await must<{ id: number }>(core.call('products.save', { sku: 'HUILE', name: 'Huile <Dinor> 1 L', priceMinor: 1500 }))).id;
      await must(core.call('settings.save', { receiptOutput: 'system', receiptPrinter: 'EPSON_TM_T20', receiptWidth: 80 }));
      expect(await must(core.call('print.printers', {}))).toEqual([{ name: 'EPSON_TM_T20', displayName: 'EPSON TM-T20', isDefault: true }]);
      const sale = await must<{ receiptNo: number }>(core.call('pos.checkout', { lines: [{ productId: id, quantity: 3 }], tenders: [{ tender: 'card', amountMinor: 4500 }] }));
      expect(await must(core.call('print.receipt', { receiptNo: sale.receiptNo }))).toMatchObject({ via: 'system', printed: true, destination: 'EPSON_TM_T20' });
      expect(printed).toHaveLength(1);
      const [job] = printed;
      expect(job.options).toMatchObject({ silent: true, deviceName: 'EPSON_TM_T20', pageSize: { width: 80_000 } });
      expect((job.options.pageSize as { height: number }).height).toBeGreaterThan(40_000);
      const html = decodeURIComponent(job.url.replace(/^data:text\/html;charset=utf-8,/, ''));
      expect(html).toContain('Huile &#60;Dinor&#62; 1 L');
      // the number held to its N° by a no-break space
      expect(html).toContain(`Ticket N°\u00a0${sale.receiptNo}`);
      // the page Electron is given is the one the HTML asks for
      expect(html).toContain(`@page { size: 80mm ${(job.options.pageSize as { height: number }).height / 1000}mm; margin: 0 }`);
      expect(html).toContain("default-src 'none'");
      expect(destroyed).toBe(2);
    } finally {
      core.close();
      tmp.cleanup();
    }
  });
});
