import { statSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { Socket } from 'node:net';
import { AppError } from '../../shared/api/result';
import { parsePrinterTarget, PRINTER_TARGET_ERROR, type PrinterTarget } from '../../shared/domain/printer';

/** Why raw bytes did not reach the printer, in words a shop owner can act on. */
export class PrinterUnreachable extends Error {}

/** A path that is not a printer (or no longer there): nothing was written to it. */
export class NotAPrinter extends PrinterUnreachable {
  constructor(
    readonly path: string,
    readonly why: string,
  ) {
    super(`${path} ${why}; nothing was sent`);
  }
}

// the forms parsePrinterTarget gives on Windows: \\.\COM3, \\.\LPT1, \\host\printer
const WINDOWS_DEVICE = /^\\\\(\.\\(COM\d{1,3}|LPT\d)|(?!\.+\\)[^\\/:*?"<>|]+\\[^\\/:*?"<>|]+)$/i;

/**
 * Whether an opened path is a printer the app may write raw bytes to, else why not. Linux and macOS:
 * a character device under /dev (a USB or serial printer), never a regular file, a directory or a
 * block device, even reached through a /dev link such as /dev/fd/N. Windows: a COM or LPT port or a
 * printer share, the only paths that reach here.
 */
export function printerDeviceProblem(path: string, stats: Pick<Stats, 'isCharacterDevice'> | null, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'win32') return WINDOWS_DEVICE.test(path) ? null : 'is not a printer port (COM3, LPT1) or a printer share (\\\\host\\printer)';
  if (!path.startsWith('/dev/')) return 'is not a device under /dev';
  if (stats && !stats.isCharacterDevice()) return 'is not a printer device (a character device under /dev)';
  return null;
}

/**
 * The same check when the owner saves the address: the printer must be there and be a printer device.
 * Null when it is, else why not (`missing`: nothing at that path, the printer may be unplugged).
 */
export function checkPrinterPath(path: string, platform: NodeJS.Platform = process.platform): { why: string; missing: boolean } | null {
  const early = printerDeviceProblem(path, null, platform);
  if (early) return { why: early, missing: false };
  if (platform === 'win32') return null;
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { why: openProblem(e), missing: e.code === 'ENOENT' };
  }
  const problem = printerDeviceProblem(path, stats, platform);
  return problem ? { why: problem, missing: false } : null;
}

/** The refusal of a path that is no printer, on the settings' field, in words the screen can translate. */
export function notAPrinterError(path: string, why: string, missing = false): AppError {
  return new AppError('validation', `escposTarget: ${path} ${why}`, 'escposTarget', { reason: missing ? 'printer_missing' : 'printer_not_device', path });
}

/** Refuses a thermal printer address that is not one (checked when the owner saves it; printing checks again). */
export function assertPrinterAddress(raw: string, platform: NodeJS.Platform = process.platform): void {
  const target = parsePrinterTarget(raw);
  if (!target) throw new AppError('validation', `escposTarget: ${PRINTER_TARGET_ERROR}`, 'escposTarget');
  if (target.kind !== 'device') return;
  const problem = checkPrinterPath(target.path, platform);
  if (problem) throw notAPrinterError(target.path, problem.why, problem.missing);
}

export interface SendOptions {
  timeoutMs?: number;
  /**
   * TEST SEAM ONLY: replaces the printer-device check (printerDeviceProblem: on the path before it is
   * opened, stats null, then on the opened file), so a test can let a temp file stand in for a printer
   * it cannot have. The app never passes it.
   */
  testDeviceCheck?: (path: string, stats: Stats | null) => string | null;
}

/**
 * Sends raw bytes (ESC/POS) to a thermal printer: over TCP (port 9100 printers), or written to a
 * device or a Windows printer share. Resolves once the bytes are handed over; a printer that does not
 * answer within the timeout is reported, never waited on forever (the till must stay usable).
 */
export function sendRaw(target: PrinterTarget, bytes: Buffer, options: SendOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const check = options.testDeviceCheck ?? ((path: string, stats: Stats | null) => printerDeviceProblem(path, stats));
  return target.kind === 'tcp' ? sendTcp(target.host, target.port, bytes, timeoutMs) : writeDevice(target.path, bytes, timeoutMs, check);
}

function sendTcp(host: string, port: number, bytes: Buffer, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const fail = (why: string) => {
      socket.destroy();
      reject(new PrinterUnreachable(`the printer at ${host}:${port} ${why}`));
    };
    socket.setTimeout(timeoutMs, () => fail(`did not answer within ${Math.round(timeoutMs / 1000)} s`));
    socket.once('error', (e: NodeJS.ErrnoException) => fail(e.code === 'ECONNREFUSED' ? 'refused the connection (is it on, and is the port right?)' : `could not be reached (${e.code ?? e.message})`));
    socket.connect(port, host, () => socket.end(bytes, () => socket.destroy()));
    socket.once('close', (hadError) => {
      if (!hadError) resolve();
    });
  });
}

const openProblem = (e: NodeJS.ErrnoException): string =>
  e.code === 'ENOENT' ? 'does not exist (is the printer plugged in?)' : e.code === 'EACCES' || e.code === 'EPERM' ? 'cannot be written (permission denied)' : `cannot be opened (${e.code ?? e.message})`;

async function writeDevice(path: string, bytes: Buffer, timeoutMs: number, check: (path: string, stats: Stats | null) => string | null): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PrinterUnreachable(`the printer ${path} did not take the receipt within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  });
  const write = (async () => {
    // refused before anything is opened when the path cannot be a printer at all
    const early = check(path, null);
    if (early) throw new NotAPrinter(path, early);
    // 'r+': the device must exist; a mistyped path must not become a plain file nobody prints
    const handle = await open(path, 'r+').catch((e: NodeJS.ErrnoException) => {
      throw new PrinterUnreachable(`the printer ${path} ${openProblem(e)}`);
    });
    try {
      // what was opened, not what the path named a moment before: a regular file (the shop's database)
      // is never written, even through a /dev link
      const problem = check(path, await handle.stat());
      if (problem) throw new NotAPrinter(path, problem);
      await handle.write(bytes);
    } finally {
      await handle.close();
    }
  })();
  try {
    await Promise.race([write, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
