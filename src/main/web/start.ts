import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Core } from '../core';
import { createFileLogger } from '../logger';
import { resolvePaths } from '../paths';
import { startWebServer } from './server';



/** `npm run web`: the whole app headless, UI in any browser on this computer. */
async function main(): Promise<void> {
  const appRoot = join(__dirname, '..', '..', '..');
  const paths = resolvePaths({ appRoot });
  mkdirSync(dirname(paths.dbFile), { recursive: true });
  const logger = createFileLogger(paths.logFile, { echo: true });
  const { version } = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string };
  const core = new Core({ dbPath: paths.dbFile, migrationsFolder: paths.migrationsFolder, logger, mode: 'web', version, scheduler: true });
  process.on('uncaughtException', (error) => core.reportUnexpected('uncaught exception', error));
  process.on('unhandledRejection', (reason) => core.reportUnexpected('unhandled rejection', reason));
  const port = process.env.SHELFCAST_PORT ? Number(process.env.SHELFCAST_PORT) : undefined;
  const web = await startWebServer(core, { rendererFolder: paths.rendererFolder, port });
  process.stdout.write(`Shelfcast is running in browser mode.\nOpen: ${web.url}\nDatabase: ${paths.dbFile}\n`);
  const stop = () => {
    void web.close().then(() => {
      core.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Shelfcast could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
