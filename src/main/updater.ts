import { app } from 'electron';
import type { Logger } from './logger';

/** Checks for updates in an installed app only; an update failure is logged, never fatal. */
export async function checkForUpdates(logger: Logger): Promise<void> {
  if (!app.isPackaged || process.env.SHELFCAST_NO_UPDATE) return;
  try {
    const { autoUpdater } = await import('electron-updater');
    autoUpdater.logger = null;
    autoUpdater.on('error', (error: Error) => logger.warn('update failed', { error }));
    await autoUpdater.checkForUpdatesAndNotify();
  } catch (error) {
    logger.warn('update check failed', { error: error as Error });
  }
}
