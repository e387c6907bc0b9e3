/**
 * npm run build:server [-- --out DIR] — the sync server as one folder to copy to the host: its code
 * and every library it uses (pg, zod, the shared protocol) bundled into `src/main.cjs`, beside its SQL
 * migrations. The host then needs Node.js 20 and PostgreSQL, and no `npm install`:
 *   node shelfcast-server/src/main.cjs serve --port 8787
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { MIGRATIONS_DIR } from './src/migrate';

export async function buildServer(outDir: string): Promise<string> {
  const folder = join(outDir, 'shelfcast-server');
  rmSync(folder, { recursive: true, force: true });
  // main.cjs lives in src/ and finds its migrations at ../migrations, as server/src/migrate.ts does
  const result = await build({
    entryPoints: [join(__dirname, 'src', 'main.ts')],
    outfile: join(folder, 'src', 'main.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // pg loads its optional native binding only when asked (pg.native), which the server never does
    external: ['pg-native'],
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  writeFileSync(join(folder, 'LICENSES.txt'), licenses(Object.keys(result.metafile.inputs)));
  mkdirSync(join(folder, 'migrations'));
  for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'))) cpSync(join(MIGRATIONS_DIR, file), join(folder, 'migrations', file));
  writeFileSync(
    join(folder, 'README.txt'),
    [
      'Shelfcast sync server: Node.js 20 or newer and PostgreSQL 14 or newer, nothing to install.',
      '',
      '  export DATABASE_URL=postgres://shelfcast:PASSWORD@127.0.0.1:5432/shelfcast',
      '  node src/main.cjs add-shop --name "Dakar Plateau"',
      '  node src/main.cjs owner-key',
      '  node src/main.cjs serve --port 8787 --host 127.0.0.1',
      '',
      'The whole guide: server/README.md in the Shelfcast source.',
      '',
    ].join('\n'),
  );
  return folder;
}

/** The licence of every package bundled in, as their MIT/ISC terms ask of a copy. */
function licenses(inputs: string[]): string {
  const roots = new Set<string>();
  for (const input of inputs) {
    const at = input.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const rest = input.slice(at + 'node_modules/'.length).split('/');
    roots.add(resolve(input.slice(0, at + 'node_modules/'.length) + rest.slice(0, rest[0].startsWith('@') ? 2 : 1).join('/')));
  }
  const sections = [...roots].sort().map((root) => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
    const file = readdirSync(root).find((f) => /^licen[cs]e/i.test(f));
    const text = file ? readFileSync(join(root, file), 'utf8').trim() : `License: ${pkg.license ?? 'see the package'}`;
    return `${pkg.name} ${pkg.version}\n${'='.repeat(pkg.name.length + pkg.version.length + 1)}\n${text}\n`;
  });
  return `Shelfcast sync server bundles these packages:\n\n${sections.join('\n')}`;
}

if (require.main === module) {
  const i = process.argv.indexOf('--out');
  const given = i > 0 ? process.argv[i + 1] : 'dist';
  if (!given || given.startsWith('--')) {
    console.error('--out needs a folder: npm run build:server -- --out /path/to/folder');
    process.exit(2);
  }
  buildServer(resolve(given)).then(
    (folder) => console.log(`Built ${folder}: copy it to the server and run node ${join(folder, 'src', 'main.cjs')} serve`),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    },
  );
}
