// The desktop host's side of «Выгрузить USR»: both backends open the one-time archive as a stream (local core, or the server's GET), once.
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { localBackend, remoteBackend, type Backend } from '../../src-main/electron/backend';
import { tempDbPath, testEnv } from '../helpers/core';
import { startServer } from '../api/http';
import { seedScene } from './fixture';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function bytesOf(s: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of s) parts.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(parts);
}

async function zipThrough(b: Backend): Promise<{ url: string; zip: Record<string, Uint8Array> }> {
  const login = await b.call('auth.login', { login: 'admin', password: 'admin-password' }, null);
  const token = (login as { data: { token: string } }).data.token;
  const r = await b.call('reports.usrZip', { jobId: 'desk-00000001', report: 'opkn', opkn: { from: '2026-04-01', to: '2026-04-30' } }, token);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const url = (r.data as { url: string }).url;
  const stream = await b.openDownload(url);
  expect(stream).not.toBeNull();
  return { url, zip: unzipSync(new Uint8Array(await bytesOf(stream!))) };
}

describe('saveDownload backends', () => {
  it('local: streams the archive from the core once', async () => {
    const dbPath = tempDbPath();
    const arrange = await testEnv({ dbPath });
    const s = seedScene(arrange.core.db);
    await arrange.close();
    const b = localBackend(dbPath);
    cleanups.push(() => b.close());
    const { url, zip } = await zipThrough(b);
    expect(Buffer.from(zip[s.f2.name]!).equals(s.f2.bytes)).toBe(true);
    expect(await b.openDownload(url)).toBeNull();
    expect(await b.openDownload('files/imports/../../crm.db')).toBeNull();
  });

  it('remote: fetches the archive from the server once', async () => {
    const env = await testEnv();
    const s = seedScene(env.core.db);
    const server = await startServer(env.core);
    const b = remoteBackend(server.url, { retryMs: 50 });
    cleanups.push(() => env.close(), () => server.close(), () => b.close());
    const { url, zip } = await zipThrough(b);
    expect(Buffer.from(zip[s.f2.name]!).equals(s.f2.bytes)).toBe(true);
    expect(await b.openDownload(url)).toBeNull();
  });
});
