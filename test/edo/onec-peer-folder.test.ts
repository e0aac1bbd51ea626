// The 1С peer on the folder transport: reading our messages, numbering, acknowledgements, restarts and faults.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OneCPeer, type OneCPeerOptions } from '../onec-peer/peer';
import { parseMessage, messageText } from '../onec-peer/format';
import { ACT, CP, CONTRACT, INVOICE, act, contract, counterparty, handshake, invoice, ourMessage, putOurs, readReply } from './onec-peer-fixtures';

const dirs: string[] = [];
const peers: OneCPeer[] = [];
afterEach(async () => {
  for (const p of peers.splice(0)) await p.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(o: OneCPeerOptions = {}): { dir: string; peer: OneCPeer } {
  const dir = mkdtempSync(join(tmpdir(), 'onec-peer-'));
  dirs.push(dir);
  const peer = new OneCPeer({ dir, resendMs: 0, ...o });
  peers.push(peer);
  return { dir, peer };
}

function again(dir: string, o: OneCPeerOptions = {}): OneCPeer {
  const peer = new OneCPeer({ dir, resendMs: 0, ...o });
  peers.push(peer);
  return peer;
}

const fullBody = () => counterparty() + contract() + act() + invoice();

describe('1С peer, folder transport', () => {
  it('reads our zipped message with a BOM and answers with its numbers and ReceivedNo', async () => {
    const { dir, peer } = setup({ zip: true, bom: true });
    putOurs(dir, ourMessage(1, 0, fullBody(), { bom: true }), true);
    const r = await peer.exchange();
    expect(r.received).toMatchObject({ kind: 'received', messageNo: 1, created: 4 });
    const reply = readReply(dir)!;
    expect(readFileSync(join(dir, 'Message_BP_CRM.zip')).subarray(0, 2).toString()).toBe('PK');
    expect(reply.messageNo).toBe(1);
    expect(reply.receivedNo).toBe(1);
    expect(reply.docs).toEqual(expect.arrayContaining([
      { type: 'Документ.РеализацияТоваровУслуг', ref: ACT, number: 'БП-000001', date: '2026-11-30T00:00:00' },
      { type: 'Документ.СчетПокупателю', ref: INVOICE, number: 'БП-000001', date: '2026-11-25T00:00:00' },
    ]));
    expect(reply.docs).toHaveLength(2);
    expect(peer.entity(CP)).toMatchObject({ ИНН: '7707083893', КПП: '770701001', Description: 'ООО «Ромашка» & К' });
    expect(peer.entity(CONTRACT)).toMatchObject({ Owner_Key: CP });
    expect(peer.entity(ACT)).toMatchObject({ Контрагент_Key: CP, ДоговорКонтрагента_Key: CONTRACT, СуммаДокумента: 12000 });
    // The reply is a well-formed message in the public envelope.
    const parsed = parseMessage(messageText(readFileSync(join(dir, 'Message_BP_CRM.zip')), 'Message_BP_CRM'));
    expect(parsed.header).toMatchObject({ from: 'BP', to: 'CRM', messageNo: 1, receivedNo: 1, version: '1.8' });
  });

  it('ignores a message number it already received, keeps numbers for a re-sent document and updates a changed one', async () => {
    const { dir, peer } = setup();
    putOurs(dir, ourMessage(1, 0, fullBody()));
    await peer.exchange();
    putOurs(dir, ourMessage(1, 0, act(ACT, '99999.00')));
    expect((await peer.exchange()).received).toEqual({ kind: 'duplicate', messageNo: 1 });
    expect(peer.entity(ACT)?.['СуммаДокумента']).toBe(12000);
    putOurs(dir, ourMessage(2, 1, act()));
    expect((await peer.exchange()).received).toMatchObject({ messageNo: 2, unchanged: 1, created: 0 });
    putOurs(dir, ourMessage(3, 1, act(ACT, '15000.00')));
    expect((await peer.exchange()).received).toMatchObject({ messageNo: 3, updated: 1 });
    expect(peer.entity(ACT)).toMatchObject({ Number: 'БП-000001', СуммаДокумента: 15000 });
    const reply = readReply(dir)!;
    expect(reply.receivedNo).toBe(3);
    expect(reply.docs.find((d) => d.ref === ACT)?.number).toBe('БП-000001');
  });

  it('resends its unacknowledged documents until our ReceivedNo covers them', async () => {
    const { dir, peer } = setup();
    putOurs(dir, ourMessage(1, 0, fullBody()));
    await peer.exchange();
    const again1 = await peer.exchange();
    expect(again1.wrote).toMatchObject({ messageNo: 2, documents: 2, as: 'new' });
    putOurs(dir, ourMessage(2, 1, ''));
    const r = await peer.exchange();
    // Message 1 is acknowledged but message 2 carried the same documents: they go again until 2 is acknowledged.
    expect(r.wrote).toMatchObject({ messageNo: 3, receivedNo: 2, documents: 2 });
    putOurs(dir, ourMessage(3, 3, ''));
    expect((await peer.exchange()).wrote).toMatchObject({ messageNo: 4, receivedNo: 3, documents: 0 });
    expect((await peer.exchange()).wrote).toBeUndefined();
  });

  it('continues after a restart and forgets its last messages on a restart with a gap', async () => {
    const { dir, peer } = setup();
    putOurs(dir, ourMessage(1, 0, counterparty() + act()));
    await peer.exchange();
    putOurs(dir, ourMessage(2, 1, invoice() + act('6f1c1a2e-1111-4aaa-8bbb-000000000009')));
    await peer.exchange();
    await peer.stop();
    const restarted = again(dir);
    expect(restarted.numbers).toMatchObject({ sentNo: 2, receivedNo: 2 });
    expect((await restarted.exchange()).received).toEqual({ kind: 'duplicate', messageNo: 2 });
    expect(restarted.entity('6f1c1a2e-1111-4aaa-8bbb-000000000009')?.['Number']).toBe('БП-000002');
    await restarted.stop();
    const gap = again(dir, { forgetLast: 1 });
    expect(gap.numbers).toMatchObject({ sentNo: 1, receivedNo: 1 });
    expect(gap.entity(INVOICE)).toBeUndefined();
    expect(gap.entity(ACT)?.['Number']).toBe('БП-000001');
    putOurs(dir, ourMessage(2, 1, invoice()));
    expect((await gap.exchange()).received).toMatchObject({ messageNo: 2, created: 1 });
  });

  it('answers a handshake in the highest offered version and sends only the types we declared as received', async () => {
    const { dir, peer } = setup();
    putOurs(dir, handshake(['Документ.РеализацияТоваровУслуг']));
    expect((await peer.exchange()).wrote).toMatchObject({ messageNo: 1, receivedNo: 0, documents: 0 });
    const hello = readReply(dir)!;
    expect(hello.raw).toContain('<msg:Format>http://v8.1c.ru/edi/edi_stnd/EnterpriseData/1.10</msg:Format>');
    expect(hello.raw).toMatch(/<msg:Name>Документ\.РеализацияТоваровУслуг<\/msg:Name><msg:Sending>\*<\/msg:Sending>/);
    putOurs(dir, ourMessage(1, 1, fullBody()));
    await peer.exchange();
    // The invoice was numbered but, like real 1С, counts as delivered because we do not receive invoices.
    expect(readReply(dir)!.docs.map((d) => d.ref)).toEqual([ACT]);
    expect(peer.entity(INVOICE)?.['Number']).toBe('БП-000001');
    // A message without Body only acknowledges.
    putOurs(dir, ourMessage(2, 2, '').replace(/<Body[^>]*><\/Body>/, ''));
    expect((await peer.exchange()).received).toMatchObject({ messageNo: 2, created: 0 });
    expect(peer.numbers.ackedByThem).toBe(2);
  });

  it('refuses a foreign or malformed message with an error and writes no reply', async () => {
    const { dir, peer } = setup();
    putOurs(dir, ourMessage(1, 0, act(), { to: 'OTHER' }));
    expect((await peer.exchange()).error).toMatch(/to OTHER/);
    putOurs(dir, ourMessage(1, 0, act(), { bodyNs: 'urn:other' }));
    expect((await peer.exchange()).error).toMatch(/EnterpriseData namespace/);
    putOurs(dir, '<!DOCTYPE x [<!ENTITY a "aaaa">]>' + ourMessage(1, 0, act()));
    expect((await peer.exchange()).error).toMatch(/DOCTYPE/);
    putOurs(dir, ourMessage(1, 0, act()).slice(0, 400));
    expect((await peer.exchange()).error).toBeDefined();
    expect(readReply(dir)).toBeUndefined();
    expect(peer.numbers.receivedNo).toBe(0);
  });
});

describe('1С peer, folder faults', () => {
  it('holds back acknowledgements, duplicates and reorders replies, rejects a key, writes a malformed reply once', async () => {
    const { dir, peer } = setup({ faults: { dropAcksNext: 1, rejectKeys: [INVOICE] } });
    putOurs(dir, ourMessage(1, 0, fullBody()));
    const first = await peer.exchange();
    expect(first.wrote).toMatchObject({ messageNo: 1, receivedNo: 0, documents: 1 });
    expect(first.received).toMatchObject({ rejected: [INVOICE] });
    expect(peer.entity(INVOICE)).toBeUndefined();
    expect(readReply(dir)!.docs.map((d) => d.ref)).toEqual([ACT]);
    expect((await peer.exchange()).wrote).toMatchObject({ messageNo: 2, receivedNo: 1 });

    peer.setFaults({ duplicateNext: 1 });
    expect((await peer.exchange()).wrote).toMatchObject({ messageNo: 2, as: 'duplicate' });
    expect(readReply(dir)!.messageNo).toBe(2);
    expect((await peer.exchange()).wrote).toMatchObject({ messageNo: 3, as: 'new' });

    peer.setFaults({ reorderNext: 1 });
    expect((await peer.exchange()).wrote).toMatchObject({ messageNo: 2, as: 'reorder' });
    expect(readReply(dir)!.messageNo).toBe(2);
    expect((await peer.exchange()).wrote).toMatchObject({ messageNo: 4, as: 'new' });

    peer.setFaults({ malformedOnce: true });
    expect((await peer.exchange()).wrote).toMatchObject({ as: 'malformed' });
    const bad = readFileSync(join(dir, 'Message_BP_CRM.xml'));
    expect(() => parseMessage(messageText(bad, 'Message_BP_CRM'))).toThrow();
    expect((await peer.exchange()).wrote).toMatchObject({ messageNo: 5, as: 'new' });
    expect(readReply(dir)!.messageNo).toBe(5);
  });

  it('answers slowly when told to', async () => {
    const { dir, peer } = setup({ faults: { slowMs: 150 } });
    putOurs(dir, ourMessage(1, 0, act()));
    const t0 = Date.now();
    await peer.exchange();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('chooses random faults deterministically by seed', async () => {
    const run = async (seed: number) => {
      const { dir, peer } = setup({ seed, faults: { dropAcks: 0.5, duplicate: 0.3 } });
      const out: string[] = [];
      for (let i = 1; i <= 12; i++) {
        putOurs(dir, ourMessage(i, 0, counterparty() + act()));
        const w = (await peer.exchange()).wrote;
        // held: the reply acknowledges less than what the peer has received
        const ack = w?.as !== 'new' ? '' : w.receivedNo === i ? ':acked' : ':held';
        out.push(`${w?.as}${ack}`);
      }
      return out.join(' ');
    };
    const a = await run(7);
    expect(await run(7)).toBe(a);
    expect(await run(8)).not.toBe(a);
    expect(a).toMatch(/duplicate/);
    expect(a).toMatch(/new:held/);
    expect(a).toMatch(/new:acked/);
  });
});
