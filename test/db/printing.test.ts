import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrintOutcome } from '../../src/shared/api/contract';
import { parsePrinterTarget } from '../../src/shared/domain/printer';
import { Core } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { electronSystemPrinter, type PrintWindow } from '../../src/main/printing/electron-printer';
import { sendRaw } from '../../src/main/printing/raw';
import { MIGRATIONS, must, openTestCore, tempDir } from '../helpers/core';

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

  it('writes to a device file that exists and refuses to create one that does not', async () => {
    const tmp = tempDir();
    const device = join(tmp.dir, 'lp0');
    writeFileSync(device, '');
    await sendRaw({ kind: 'device', path: device }, Buffer.from('TICKET'));
    expect(readFileSync(device, 'latin1')).toBe('TICKET');
    const missing = join(tmp.dir, 'lp1');
    await expect(sendRaw({ kind: 'device', path: missing }, Buffer.from('x'))).rejects.toThrow(/does not exist \(is the printer plugged in\?\)/);
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

  it('lets a manager test a printer or open the drawer, audited; a cashier may not', async () => {
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
      expect(html).toContain(`Ticket N° ${sale.receiptNo}`);
      expect(html).toContain("default-src 'none'");
      expect(destroyed).toBe(2);
    } finally {
      core.close();
      tmp.cleanup();
    }
  });
});
