/**
 * Where raw ESC/POS bytes go. Thermal printers are reached three ways in small shops: a network
 * printer on port 9100 (tcp://192.168.1.50:9100), a local device (/dev/usb/lp0 on Linux, COM3 or
 * LPT1 on Windows) or a printer shared by Windows (\\localhost\POS80), which Windows accepts raw.
 * Only those: a path is a device under /dev (main also checks it is a character device before writing),
 * never a file elsewhere (the app may write the shop's own database).
 */
export type PrinterTarget = { kind: 'tcp'; host: string; port: number } | { kind: 'device'; path: string };

const TCP = /^tcp:\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(?::(\d{1,5}))?\/?$/;
const WINDOWS_PORT = /^(COM\d{1,3}|LPT\d)$/i;
// a printer shared by a computer: \\host\name, never the \\.\ device namespace (\\.\PhysicalDrive0 is a disk)
const WINDOWS_SHARE = /^\\\\(?!\.+\\)[^\\/:*?"<>|]+\\[^\\/:*?"<>|]+$/;
/** A device node on Linux or macOS: under /dev, one plain name per segment (no `..`, no empty segment). */
const UNIX_DEVICE = /^\/dev(\/[^/\0]+)+$/;

export function parsePrinterTarget(raw: string): PrinterTarget | null {
  const text = raw.trim();
  const tcp = TCP.exec(text);
  if (tcp) {
    const port = tcp[2] === undefined ? 9100 : Number(tcp[2]);
    if (port < 1 || port > 65535) return null;
    return { kind: 'tcp', host: tcp[1].replace(/^\[|\]$/g, ''), port };
  }
  if (WINDOWS_PORT.test(text)) return { kind: 'device', path: `\\\\.\\${text.toUpperCase()}` };
  if (WINDOWS_SHARE.test(text)) return { kind: 'device', path: text };
  if (UNIX_DEVICE.test(text) && !text.split('/').some((part) => part === '.' || part === '..')) return { kind: 'device', path: text };
  return null;
}

export const isPrinterTarget = (raw: string): boolean => parsePrinterTarget(raw) !== null;

/** The field message for an address that is none of the above (translated by the renderer). */
export const PRINTER_TARGET_ERROR = 'expected a device (/dev/usb/lp0, COM3), a share (\\\\host\\printer) or tcp://host:port';
