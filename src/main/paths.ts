import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The one place that decides where things live. `appRoot` is the folder holding package.json in
 * development and `resources` inside an installed app; `userData` is Electron's per-user folder
 * (or a platform default when running headless).
 */
export interface Paths {
  dataDir: string;
  dbFile: string;
  logFile: string;
  migrationsFolder: string;
  modelsFolder: string;
  rendererFolder: string;
}

export function defaultUserData(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Shelfcast');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Shelfcast');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Shelfcast');
}

export function resolvePaths(options: { appRoot: string; resourcesRoot?: string; userData?: string; env?: NodeJS.ProcessEnv }): Paths {
  const env = options.env ?? process.env;
  const dataDir = env.SHELFCAST_DATA_DIR ?? options.userData ?? defaultUserData();
  const resources = options.resourcesRoot ?? options.appRoot;
  return {
    dataDir,
    dbFile: env.SHELFCAST_DB ? resolve(env.SHELFCAST_DB) : join(dataDir, 'shelfcast.db'),
    logFile: join(dataDir, 'logs', 'shelfcast.log'),
    migrationsFolder: join(resources, options.resourcesRoot ? 'migrations' : 'src/main/db/migrations'),
    modelsFolder: join(resources, 'models'),
    rendererFolder: join(options.appRoot, 'out', 'renderer'),
  };
}
