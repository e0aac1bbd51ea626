// The desktop app's mode switch (connection.json and command-line flags) and the app:// file server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConnectionError, connectionFromArgs, normalizeServerUrl, readConnection, resolveConnection } from '../../src-main/electron/connection';
import { isAppUrl, rendererResponse, resolveRendererFile } from '../../src-main/electron/static';
import { CSP } from '../../src-main/server/http';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'crm-userdata-'));

describe('connection settings', () => {
  it('default to local mode when there is no file', () => {
    expect(readConnection(tempDir())).toEqual({ mode: 'local' });
  });

  it('save --server-url for the next starts, and --local switches back', () => {
    const dir = tempDir();
    expect(resolveConnection(dir, ['electron', '.', '--server-url', 'http://192.168.1.10:4780/'])).toEqual({ mode: 'server', url: 'http://192.168.1.10:4780' });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'connection.json'), 'utf8'))).toEqual({ mode: 'server', url: 'http://192.168.1.10:4780' });
    expect(resolveConnection(dir, ['electron', '.'])).toEqual({ mode: 'server', url: 'http://192.168.1.10:4780' });
    expect(resolveConnection(dir, ['crm.exe', '--server-url=https://crm.ric.local'])).toEqual({ mode: 'server', url: 'https://crm.ric.local' });
    expect(resolveConnection(dir, ['crm.exe', '--local'])).toEqual({ mode: 'local' });
    expect(readConnection(dir)).toEqual({ mode: 'local' });
  });

  it.each(['ftp://host', 'file:///etc/passwd', 'javascript:alert(1)', 'http://user:pw@host:4780', 'http://host/?a=1', 'no url'])('refuse %s', (url) => {
    expect(() => normalizeServerUrl(url)).toThrow(ConnectionError);
  });

  it('refuse a --server-url without a value and a broken file, instead of silently opening an empty local database', () => {
    expect(() => connectionFromArgs(['--server-url'])).toThrow(ConnectionError);
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'connection.json'), '{"mode":"server"}');
    expect(() => readConnection(dir)).toThrow(ConnectionError);
    fs.writeFileSync(path.join(dir, 'connection.json'), '{oops');
    expect(() => readConnection(dir)).toThrow(ConnectionError);
  });
});

describe('app:// renderer files', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-renderer-'));
  const root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>РИЦ CRM</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'secret');
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));

  it('recognise only the app origin', () => {
    expect(isAppUrl('app://crm/index.html#/clients/1')).toBe(true);
    for (const u of ['app://other/index.html', 'https://crm/index.html', 'file:///index.html', 'javascript:alert(1)', '']) expect(isAppUrl(u), u).toBe(false);
  });

  it('serve files of the renderer folder with the CSP', async () => {
    const index = await rendererResponse(root, 'app://crm/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CSP);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await index.text()).toContain('РИЦ CRM');
    const js = await rendererResponse(root, 'app://crm/assets/app.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/link.txt', '/assets', '/%E0%A4%A', '/index.html%00.js'])(
    'never serve %s',
    (p) => {
      expect(resolveRendererFile(root, p)).toBeNull();
    },
  );

  it('answer 404 to another host', async () => {
    expect((await rendererResponse(root, 'app://evil/index.html')).status).toBe(404);
  });
});
