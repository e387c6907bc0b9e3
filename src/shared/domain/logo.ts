/**
 * A shop logo is kept as a data URL. The browser names a file's type from its name, so a WebP saved as
 * « logo.png » arrives as image/png: the first bytes say what the image really is, and the purchase
 * order's PDF can draw only PNG and JPEG.
 */
/** Main's refusals of a logo (English, for the log); the screens say them in the shop's language. */
export const LOGO_NOT_PNG_OR_JPEG = 'expected a PNG or JPEG image';
export const LOGO_BYTES_WRONG = 'this file is not really a PNG or JPEG image (a WebP or GIF renamed?): save it as PNG or JPEG';

const SIGNATURES: Record<'png' | 'jpeg', number[]> = {
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  jpeg: [0xff, 0xd8, 0xff],
};

/** Whether `dataUrl` is a PNG or JPEG data URL whose bytes are of the type it declares. */
export function isDrawableLogo(dataUrl: string): boolean {
  const m = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  if (!m) return false;
  const signature = SIGNATURES[m[1] as 'png' | 'jpeg'];
  let head: string;
  try {
    // 12 base64 characters are the first 9 bytes
    head = atob(m[2]!.slice(0, 12));
  } catch {
    return false;
  }
  return signature.every((byte, i) => head.charCodeAt(i) === byte);
}
