/// <reference types="electron-vite/node" />
import { app, BrowserWindow, dialog } from 'electron';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromiumLang } from './chromium-lang';
import { Core } from './core';
import { registerIpc } from './ipc/register';
import { createFileLogger } from './logger';
import { ElectronNotifier } from './notifications/electron-notifier';
import { electronSystemPrinter } from './printing/electron-printer';
import { resolvePaths } from './paths';
import { checkForUpdates } from './updater';
import { appUrlFor, createMainWindow } from './window';
// electron-vite builds each worker as its own file next to the bundle and gives its path
import fileCheckWorkerPath from './workers/file-check?modulePath';
import forecastWorkerPath from './workers/forecast?modulePath';

process.env.SHELFCAST_FORECAST_WORKER ??= forecastWorkerPath;
process.env.SHELFCAST_FILE_CHECK_WORKER ??= fileCheckWorkerPath;

// Lifecycle only: one instance, open the store, wire IPC, show the window.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  const paths = resolvePaths({
    appRoot: app.getAppPath(),
    resourcesRoot: app.isPackaged ? process.resourcesPath : undefined,
    userData: app.getPath('userData'),
  });
  mkdirSync(dirname(paths.dbFile), { recursive: true });
  // date fields follow Chromium's language, which must be set before the app is ready
  app.commandLine.appendSwitch('lang', chromiumLang(paths.dbFile));
  const logger = createFileLogger(paths.logFile);
  let core: Core | null = null;
  process.on('uncaughtException', (error) => (core ? core.reportUnexpected('uncaught exception', error) : logger.error('uncaught exception', { error })));
  process.on('unhandledRejection', (reason) => (core ? core.reportUnexpected('unhandled rejection', reason) : logger.error('unhandled rejection', { error: reason as Error })));

  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });

  void app.whenReady().then(() => {
    let opened: Core;
    try {
      opened = new Core({ dbPath: paths.dbFile, migrationsFolder: paths.migrationsFolder, logger, mode: 'electron', version: app.getVersion(), scheduler: true, notifier: new ElectronNotifier(), systemPrinter: electronSystemPrinter((o) => new BrowserWindow(o)) });
    } catch (error) {
      logger.error('could not open the shop database', { error: error as Error });
      dialog.showErrorBox('Shelfcast', `Shelfcast could not open the shop database.\n\n${(error as Error).message}`);
      app.quit();
      return;
    }
    core = opened;
    // a restore is carried out when the shop file is next opened: restart, once the screen has said so
    opened.onEvent((event) => {
      if (event !== 'backup.restorePending') return;
      setTimeout(() => {
        app.relaunch();
        app.quit();
      }, 2_000);
    });
    const appUrl = appUrlFor(join(__dirname, '../renderer'), process.env.ELECTRON_RENDERER_URL);
    registerIpc(opened, appUrl, () => win);
    win = createMainWindow({ preload: join(__dirname, '../preload/index.js'), appUrl });
    void checkForUpdates(logger);
    app.on('before-quit', () => opened.close());
  });
  app.on('window-all-closed', () => app.quit());
}
