// better-sqlite3 is compiled for one runtime at a time: Node (tests, CLIs, browser mode) or Electron
// (the desktop app). `node scripts/ensure-native.mjs node|electron` rebuilds it only when it is built
// for the other one, so `npm test` after `npm start` (or the reverse) just works.
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';

const target = process.argv[2] ?? 'node';
const require = createRequire(import.meta.url);

function loadsInNode() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return true;
  } catch (error) {
    if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(String(error))) return false;
    throw error;
  }
}

const inNode = loadsInNode();
if (target === 'node' && !inNode) {
  console.log('better-sqlite3 was built for Electron; rebuilding it for Node…');
  execSync('npm rebuild better-sqlite3', { stdio: 'inherit' });
} else if (target === 'electron' && inNode) {
  console.log('Building native modules for Electron…');
  execSync('npx electron-builder install-app-deps', { stdio: 'inherit' });
}
