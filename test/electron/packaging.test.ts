// electron-builder.yml checked by electron-builder's own loader and schema (building installers needs downloads).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';

const repo = path.resolve(__dirname, '../..');

describe('electron-builder.yml', () => {
  it('passes electron-builder’s configuration schema and sets up the installers', async () => {
    const config = await getConfig(repo, path.join(repo, 'electron-builder.yml'), null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config).toMatchObject({
      productName: 'РИЦ CRM',
      npmRebuild: true,
      asarUnpack: expect.arrayContaining(['**/*.node']),
      nsis: { oneClick: false, perMachine: false, installerLanguages: ['ru_RU'] },
      electronFuses: { runAsNode: false, onlyLoadAppFromAsar: true },
    });
    // getConfig normalises `files` into filter groups.
    const files = JSON.stringify(config.files);
    for (const f of ['dist/main/**', 'dist/renderer/**', 'migrations/**', 'package.json']) expect(files).toContain(`"${f}"`);
    expect(JSON.stringify(config.win?.target)).toContain('nsis');
    expect(JSON.stringify(config.linux?.target)).toContain('AppImage');
  });

  it('names the same Electron version as package.json, whose typings package matches it too', async () => {
    const config = await getConfig(repo, path.join(repo, 'electron-builder.yml'), null);
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
      optionalDependencies?: Record<string, string>;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    // Optional: a plain `npm ci` must succeed where the binary cannot be downloaded.
    expect(pkg.optionalDependencies?.electron).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.dependencies.electron ?? pkg.devDependencies.electron).toBeUndefined();
    expect(config.electronVersion).toBe(pkg.optionalDependencies?.electron);
    expect(pkg.devDependencies['electron-types']).toBe(pkg.optionalDependencies?.electron);
    const types = fs.readFileSync(path.join(repo, 'node_modules/electron-types/dist/electron.d.ts'), 'utf8');
    expect(types.slice(0, 200)).toContain(`Electron ${pkg.optionalDependencies?.electron}`);
  });

  it('matches package.json: the entry point is the bundle that build-main writes', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(pkg.main).toBe('dist/main/electron/main.cjs');
    expect(pkg.scripts.build).toContain('scripts/build-main.mjs');
    expect(pkg.scripts.dist).toContain('electron-builder.yml');
  });
});
