// Bundles the Electron main process, its worker threads' entry and the preload to CommonJS (dist/main/electron) and copies the migrations beside them.
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
  // electron is provided by the runtime; better-sqlite3 is a native module rebuilt for Electron by electron-builder;
  // piscina starts its threads from its own worker.js, found next to its package files.
  external: ['electron', 'better-sqlite3', 'piscina'],
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
};

// ESM sources use import.meta.url to find files next to themselves; in CommonJS that is __filename.
const metaUrl = {
  define: { 'import.meta.url': '__crm_import_meta_url' },
  banner: { js: 'const __crm_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
};

await build({ ...common, ...metaUrl, entryPoints: { main: 'src-main/electron/main.ts' }, outdir, outExtension: { '.js': '.cjs' } });

/** Every worker task module (`*.task.ts`, see src-main/workers/registry.ts), as ids relative to the repository. */
function taskModules() {
  return fs
    .readdirSync(path.join(root, 'src-main'), { recursive: true })
    .map((f) => String(f).split(path.sep).join('/'))
    .filter((f) => f.endsWith('.task.ts'))
    .map((f) => `src-main/${f.slice(0, -'.ts'.length)}`)
    .sort();
}

/** src-main/workers/bundled.ts, written out: each task module behind a lazy import, so a thread loads only what it runs. */
const bundledTasks = {
  name: 'bundled-tasks',
  setup(b) {
    b.onLoad({ filter: /src-main[\\/]workers[\\/]bundled\.ts$/ }, () => ({
      contents: `export const bundledTasks = {\n${taskModules()
        .map((id) => `  ${JSON.stringify(id)}: () => import(${JSON.stringify(path.join(root, `${id}.ts`))}),`)
        .join('\n')}\n};\n`,
      loader: 'ts',
      resolveDir: path.join(root, 'src-main/workers'),
    }));
  },
};

// The pool's threads start from worker.cjs beside main.cjs (src-main/workers/pool.ts looks for it there).
await build({ ...common, ...metaUrl, entryPoints: { worker: 'src-main/workers/worker.ts' }, outdir, outExtension: { '.js': '.cjs' }, plugins: [bundledTasks] });

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
