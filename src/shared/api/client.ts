import type { Channel, EventMap, EventName, InputOf, OutputOf } from './contract';
import type { Result } from './result';

/** The single API the renderer sees, whether over Electron IPC or the browser mode's HTTP. */
export interface ShelfcastApi {
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

export const IPC_INVOKE = 'shelfcast:invoke';
export const IPC_EVENT = 'shelfcast:event';
