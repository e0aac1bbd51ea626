// Runs Electron (or electron-builder) only when the Electron binary is installed; otherwise says what is missing and how to get it.
// Electron is an optional dependency: `npm ci` skips it where its binary cannot be downloaded (no access beyond the npm registry).
// Usage: node scripts/electron.mjs start [-- app args] | node scripts/electron.mjs check
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const wanted = pkg.optionalDependencies?.electron;

/** The path of the Electron executable, or a sentence saying why there is none. */
export function findElectron() {
  let dir;
  try {
    dir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return {
      error:
        `Electron ${wanted} is not installed: npm skipped it because its binary could not be downloaded (it comes from GitHub, not from the npm registry).\n` +
        `On a machine with internet access run \`npm ci\` again (or \`npm install electron@${wanted}\`); behind a proxy set HTTPS_PROXY, or ELECTRON_MIRROR to a mirror of the Electron releases.\n` +
        'Without Electron the program runs as a server for browsers: `npm run serve -- --db crm.db` (see README).',
    };
  }
  const pathFile = path.join(dir, 'path.txt');
  const exe = fs.existsSync(pathFile) ? path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim()) : null;
  if (!exe || !fs.existsSync(exe)) {
    return { error: `The electron package is installed but its binary is missing (${path.join(dir, 'dist')}): run \`node ${path.relative(root, path.join(dir, 'install.js'))}\` on a machine with internet access.` };
  }
  return { exe };
}

const [cmd, ...rest] = process.argv.slice(2);
if (cmd === 'check' || cmd === 'start') {
  const found = findElectron();
  if (found.error) {
    console.error(found.error);
    process.exit(1);
  }
  if (cmd === 'start') {
    const args = rest[0] === '--' ? rest.slice(1) : rest;
    const r = spawnSync(found.exe, ['.', ...args], { cwd: root, stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
} else if (cmd) {
  console.error(`unknown command ${cmd}: use start or check`);
  process.exit(2);
}
