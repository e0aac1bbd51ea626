// Bundles the Electron main process and preload to CommonJS (dist/main/electron) and copies the migrations beside them.
// Usage: node scripts/build-main.mjs [--outdir DIR]
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = path.resolve(values.outdir ?? path.join(root, 'dist/main/electron'));

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  // electron is provided by the runtime; better-sqlite3 is a native module rebuilt for Electron by electron-builder.
  external: ['electron', 'better-sqlite3'],
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
};

await build({
  ...common,
  entryPoints: { main: 'src-main/electron/main.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  // ESM sources use import.meta.url to find files next to themselves; in CommonJS that is __filename.
  define: { 'import.meta.url': '__crm_import_meta_url' },
  banner: { js: 'const __crm_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
});

await build({
  ...common,
  entryPoints: { preload: 'src-main/electron/preload.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  // A sandboxed preload can require only 'electron' (and a few polyfilled built-ins): bundle everything else.
  external: ['electron'],
});

// defaultMigrationsFolder() (src-main/db/connection.ts) looks for `migrations` next to the bundle.
fs.rmSync(path.join(outdir, 'migrations'), { recursive: true, force: true });
fs.cpSync(path.join(root, 'migrations'), path.join(outdir, 'migrations'), { recursive: true });

console.log(`Electron main and preload bundled into ${path.relative(root, outdir) || outdir}`);
