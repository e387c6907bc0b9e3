import { open } from 'node:fs/promises';
import { Socket } from 'node:net';
import type { PrinterTarget } from '../../shared/domain/printer';

/** Why raw bytes did not reach the printer, in words a shop owner can act on. */
export class PrinterUnreachable extends Error {}

/**
 * Sends raw bytes (ESC/POS) to a thermal printer: over TCP (port 9100 printers), or written to a
 * device or a Windows printer share. Resolves once the bytes are handed over; a printer that does not
 * answer within the timeout is reported, never waited on forever (the till must stay usable).
 */
export function sendRaw(target: PrinterTarget, bytes: Buffer, timeoutMs = 5_000): Promise<void> {
  return target.kind === 'tcp' ? sendTcp(target.host, target.port, bytes, timeoutMs) : writeDevice(target.path, bytes, timeoutMs);
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

async function writeDevice(path: string, bytes: Buffer, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PrinterUnreachable(`the printer ${path} did not take the receipt within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  });
  const write = (async () => {
    // 'r+': the device must exist; a mistyped path must not become a plain file nobody prints
    const handle = await open(path, 'r+').catch((e: NodeJS.ErrnoException) => {
      const why = e.code === 'ENOENT' ? 'does not exist (is the printer plugged in?)' : e.code === 'EACCES' || e.code === 'EPERM' ? 'cannot be written (permission denied)' : `cannot be opened (${e.code ?? e.message})`;
      throw new PrinterUnreachable(`the printer ${path} ${why}`);
    });
    try {
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
