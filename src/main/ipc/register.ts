import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/api/client';
import type { Core } from '../core';
import { senderAllowed } from '../security/policy';

/** The only importer of ipcMain: sender check, then the same dispatch as the browser mode. */
export function registerIpc(core: Core, appUrl: string, getWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, input: unknown) => {
    const frame = event.senderFrame;
    if (!frame || !senderAllowed(frame.url, frame === event.sender.mainFrame, appUrl)) {
      core.logger.warn('ipc refused: unexpected sender', { url: frame?.url });
      return { ok: false, error: { code: 'forbidden', message: 'Refused: this window may not call Shelfcast' } };
    }
    return core.call(String(channel), input);
  });
  const off = core.onEvent((name, payload) => getWindow()?.webContents.send(IPC_EVENT, name, payload));
  return () => {
    off();
    ipcMain.removeHandler(IPC_INVOKE);
  };
}
