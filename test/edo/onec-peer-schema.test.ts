// The exchange schema in test/onec-peer/schema: our handwritten messages and the peer's replies validate against it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OneCPeer } from '../onec-peer/peer';
import { hasXmllint, validateMessage } from '../onec-peer/xsd';
import { act, contract, counterparty, handshake, invoice, ourMessage, putOurs, readReply } from './onec-peer-fixtures';

const dirs: string[] = [];
const peers: OneCPeer[] = [];
afterEach(async () => {
  for (const p of peers.splice(0)) await p.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function peerIn(validateXsd = false): { dir: string; peer: OneCPeer } {
  const dir = mkdtempSync(join(tmpdir(), 'onec-peer-'));
  dirs.push(dir);
  const peer = new OneCPeer({ dir, resendMs: 0, validateXsd });
  peers.push(peer);
  return { dir, peer };
}

describe.skipIf(!hasXmllint())('EnterpriseData exchange schema (xmllint)', () => {
  it('accepts a full message and a handshake, refuses a bad key, a missing header field and a wrong order', () => {
    expect(validateMessage(ourMessage(1, 0, counterparty() + contract() + act() + invoice()))).toEqual({ ok: true, errors: '' });
    expect(validateMessage(handshake(['Документ.РеализацияТоваровУслуг'])).ok).toBe(true);
    expect(validateMessage(ourMessage(1, 0, act('not-a-guid'))).errors).toMatch(/Ссылка/);
    expect(validateMessage(ourMessage(1, 0, '').replace(/<msg:ReceivedNo>0<\/msg:ReceivedNo>/, '')).ok).toBe(false);
    expect(validateMessage(ourMessage(1, 0, act().replace(/<Дата>[^<]*<\/Дата>/, ''))).ok).toBe(false);
  });

  it('the peer writes replies that validate, in the version offered, then in the version our messages use', async () => {
    const { dir, peer } = peerIn();
    putOurs(dir, handshake(['Документ.РеализацияТоваровУслуг', 'Документ.СчетПокупателю'], ['1.10']));
    await peer.exchange();
    const hello = readReply(dir)!.raw;
    expect(hello).toContain('EnterpriseData/1.10');
    expect(validateMessage(hello)).toEqual({ ok: true, errors: '' });
    putOurs(dir, ourMessage(1, 1, counterparty() + act() + invoice()));
    await peer.exchange();
    const reply = readReply(dir)!;
    expect(reply.raw).toContain('EnterpriseData/1.8');
    expect(reply.docs).toHaveLength(2);
    expect(validateMessage(reply.raw)).toEqual({ ok: true, errors: '' });
  });

  it('with validateXsd the peer refuses a message that fails the schema', async () => {
    const { dir, peer } = peerIn(true);
    putOurs(dir, ourMessage(1, 0, act('not-a-guid')));
    expect((await peer.exchange()).error).toMatch(/fails the schema/);
    expect(readReply(dir)).toBeUndefined();
    putOurs(dir, ourMessage(1, 0, counterparty() + act()));
    expect((await peer.exchange()).received).toMatchObject({ messageNo: 1, created: 2 });
  });
});
