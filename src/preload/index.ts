import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type ShelfcastApi } from '../shared/api/client';
import { CHANNELS } from '../shared/api/channels';

// The only importer of ipcRenderer. Exposes one typed object; no raw ipcRenderer, no generic send.
const known = new Set<string>(CHANNELS);

const api: ShelfcastApi = {
  call: (channel, input) => {
    if (!known.has(channel)) return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `Unknown operation "${channel}"` } });
    return ipcRenderer.invoke(IPC_INVOKE, channel, input);
  },
  on: (event, listener) => {
    const fn = (_e: unknown, name: string, payload: unknown) => {
      if (name === event) listener(payload as never);
    };
    ipcRenderer.on(IPC_EVENT, fn);
    return () => ipcRenderer.off(IPC_EVENT, fn);
  },
};

contextBridge.exposeInMainWorld('api', api);
