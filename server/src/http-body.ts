import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';

export interface BodyLimits {
  /** Bytes as they arrive, gzip-compressed or not. */
  wire: number;
  /** Bytes once decompressed. */
  decoded: number;
}

export const PUSH_LIMITS: BodyLimits = { wire: 2 * 1024 * 1024, decoded: 16 * 1024 * 1024 };

/** A body the server will not read: `code` is the refusal code sent back. */
export class BodyRefused extends Error {
  constructor(
    readonly code: 'too_large' | 'bad_request',
    message: string,
  ) {
    super(message);
  }
}

/** The client went away before its body was read: there is nobody to answer. */
export class ClientGone extends Error {}

/** The request's body, decompressed when it came gzip-encoded, within the limits or refused. */
export async function readBody(req: IncomingMessage, limits: BodyLimits = PUSH_LIMITS): Promise<Buffer> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    throw new BodyRefused('bad_request', `Content-Encoding "${encoding}" is not supported: send the body as is or gzip-compressed`);
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.wire) throw tooLarge(limits);
  const raw = await collect(req, limits);
  if (encoding === 'identity') return raw;
  return new Promise((resolve, reject) => {
    gunzip(raw, { maxOutputLength: limits.decoded }, (error, decoded) => {
      if (!error) resolve(decoded);
      else if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') reject(tooLarge(limits));
      else reject(new BodyRefused('bad_request', `the body is not valid gzip: ${error.message}`));
    });
  });
}

function tooLarge(limits: BodyLimits): BodyRefused {
  const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  return new BodyRefused('too_large', `a push may be at most ${mb(limits.wire)} as sent and ${mb(limits.decoded)} once decompressed: send fewer rows per push`);
}

function collect(req: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (settle: () => void) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      settle();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.wire) {
        // the rest still flows in and is dropped, so the client finishes sending and then reads the 413
        stop(() => reject(tooLarge(limits)));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => stop(() => resolve(Buffer.concat(chunks, size)));
    const onError = (error: Error) => stop(() => reject(new ClientGone(error.message)));
    const onClose = () => stop(() => reject(new ClientGone('the connection closed before the body was complete')));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
