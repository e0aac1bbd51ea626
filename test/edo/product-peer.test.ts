// Our EnterpriseData writer and reader against the 1С peer (an independent implementation of the format): what we
// write, the peer accepts and numbers (its schema check on); what it answers, our reader reads back, numbers included.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { OneCPeer } from '../onec-peer/peer';
import { writeEdMessageZip } from '../../src-main/features/edo/enterprise-data/write';
import { readEdMessage } from '../../src-main/features/edo/enterprise-data/read';
import { edMessageFileName } from '../../src-main/features/edo/enterprise-data/values';
import { sampleMessage } from './ed-fixtures';

const dirs: string[] = [];
const peers: OneCPeer[] = [];
afterEach(async () => {
  for (const p of peers.splice(0)) await p.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('the peer accepts and numbers what our writer writes; our reader reads its answer with its numbers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ed-peer-'));
  dirs.push(dir);
  const peer = new OneCPeer({ dir, resendMs: 0, zip: true, bom: true, validateXsd: true, ourCode: 'CRM', peerCode: 'BP' });
  peers.push(peer);
  const msg = sampleMessage(1);
  msg.header.to = 'BP';
  msg.header.receivedNo = 0;
  writeFileSync(join(dir, edMessageFileName('CRM', 'BP', 'zip')), writeEdMessageZip(msg, { bom: true }));
  const r = await peer.exchange();
  expect(r.error ?? null).toBeNull();
  expect(r.received).toMatchObject({ kind: 'received', messageNo: 1 });
  const docs = msg.objects.filter((o) => o.type === 'sale' || o.type === 'invoice');
  for (const d of docs) expect(peer.entity(d.ref), `${d.type} ${d.ref}`).toBeTruthy();

  const answer = readEdMessage(readFileSync(join(dir, edMessageFileName('BP', 'CRM', 'zip'))));
  expect(answer.ok ? null : answer).toBeNull();
  if (!answer.ok) return;
  expect(answer.message.header).toMatchObject({ from: 'BP', to: 'CRM', receivedNo: 1 });
  expect(answer.problems.map((p) => `${p.type} ${p.code} ${p.message}`)).toEqual([]);
  const numbered = new Map(answer.message.objects.map((o) => [(o as { ref?: string }).ref, o]));
  for (const d of docs) expect((numbered.get(d.ref) as { number?: string } | undefined)?.number, d.ref).toMatch(/^БП-\d+$/);
});
