import type { UploadState } from '../../../../shared/api/contract';
import { UPLOAD_CHUNK_BYTES } from '../../../../shared/api/contracts/onboarding';
import { call } from '../../api/api';

/** Saves bytes received in base64 as a file the browser downloads. */
export function downloadBase64(base64: string, name: string, mimeType: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Sends a picked file to main in chunks of 4 MB (the renderer cannot hand over a path, in the browser
 * or in Electron); main writes it to its data folder and answers with an id the import then uses.
 */
export async function uploadFile(file: File, onProgress: (done: number, total: number) => void): Promise<UploadState> {
  let state: UploadState | undefined;
  let offset = 0;
  do {
    const end = Math.min(offset + UPLOAD_CHUNK_BYTES, file.size);
    const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
    state = await call('onboarding.upload', {
      uploadId: (state as UploadState | undefined)?.uploadId,
      name: file.name,
      data: toBase64(bytes),
      offset,
      last: end >= file.size,
    });
    offset = end;
    onProgress(offset, file.size);
  } while (offset < file.size);
  return state;
}
