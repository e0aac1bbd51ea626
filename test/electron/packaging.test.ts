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

  it('matches package.json: the entry point is the bundle that build-main writes', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(pkg.main).toBe('dist/main/electron/main.cjs');
    expect(pkg.scripts.build).toContain('scripts/build-main.mjs');
    expect(pkg.scripts.dist).toContain('electron-builder.yml');
  });
});
