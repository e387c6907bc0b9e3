import { dirname } from 'node:path';

/** The part of pdfmake 0.3's server API Shelfcast uses (the package ships no types). */
export interface DocDefinition {
  pageSize?: string | { width: number; height: number | 'auto' };
  pageMargins?: number | [number, number, number, number];
  content: unknown[];
  defaultStyle?: Record<string, unknown>;
  styles?: Record<string, Record<string, unknown>>;
  info?: Record<string, string>;
  footer?: unknown;
}

interface PdfMake {
  setFonts(fonts: unknown): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: DocDefinition): { getBuffer(): Promise<Buffer>; write(path: string): Promise<void> };
}

let instance: PdfMake | null = null;

/**
 * pdfmake set up once: Roboto from the package, no network access at all, and local reads limited to
 * the font folder (documents never embed files from elsewhere on disk).
 */
function pdfmake(): PdfMake {
  if (instance) return instance;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pm = require('pdfmake') as PdfMake;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fonts = require('pdfmake/fonts/Roboto.js') as { Roboto: { normal: string } };
  const fontDir = dirname(fonts.Roboto.normal);
  pm.setFonts(fonts);
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((path) => path.startsWith(fontDir));
  instance = pm;
  return pm;
}

export function renderPdf(doc: DocDefinition): Promise<Buffer> {
  return pdfmake().createPdf(doc).getBuffer();
}

/** Millimetres to PDF points. */
export const mm = (x: number): number => (x * 72) / 25.4;
