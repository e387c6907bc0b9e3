import type { ShelfcastApi } from '../../../shared/api/client';
import type { Channel, InputOf, OutputOf } from '../../../shared/api/contract';
import type { AppErrorShape } from '../../../shared/api/result';
import { createHttpApi } from './http-client';

declare global {
  interface Window {
    api?: ShelfcastApi;
  }
}

/** Electron's preload installs window.api; in browser mode the same shape speaks HTTP. */
export const api: ShelfcastApi = window.api ?? createHttpApi();

export class ApiError extends Error {
  constructor(readonly error: AppErrorShape) {
    super(error.message);
  }
}

const lockedListeners = new Set<() => void>();

/** Called whenever main refuses a call because the till is locked (another window locked it, say). */
export function onLocked(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

/** Calls an operation and throws an ApiError carrying the code and field when it fails. */
export async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = await api.call(channel, input);
  if (!result.ok) {
    if (result.error.details?.reason === 'locked') for (const listener of lockedListeners) listener();
    throw new ApiError(result.error);
  }
  return result.data;
}
