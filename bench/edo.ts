// `npm run bench -- --only edo`: 10,000 acts handed to the 1С peer through the folder transport and acknowledged, their ЭДО states
// read back over OData until every one is signed and returned, with the peer answering at once; the exchange runs in a child
// process (its peak RSS measured). Beside it a floor written from scratch: the same number of documents as one hand-built
// EnterpriseData message through the same peer, and their states read with one plain HTTP request per 20 documents.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../src-main/core';
import { OneCPeer } from '../test/onec-peer/peer';
import { signingScript } from '../test/onec-peer/edo';
import { saveConnection } from '../src-main/features/edo/connections.repo';
import { enqueueDocument } from '../src-main/features/edo/queue';
import { table } from './stats';

const TARGET = { ms: 30_000, rssMb: 300 };

export interface EdoBenchOptions {
  documents?: number;
  keep?: boolean;
}

function runChild(args: string[]): Promise<{ ms: number; ackedMs: number; rounds: number; rssMb: number }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'bench/edo-child.ts', ...args], { maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${err.message}\n${stderr}`));
      const line = stdout.trim().split('\n').pop() ?? '';
      resolve(JSON.parse(line) as { ms: number; ackedMs: number; rounds: number; rssMb: number });
    });
  });
}

/** The floor: one hand-written message with N bare documents into the peer, its reply read back; then states by plain GETs. */
async function floor(n: number, dir: string): Promise<{ sendMs: number; statesMs: number }> {
  const peer = new OneCPeer({ dir, stateDir: dir, port: 0, resendMs: 1e9, pollMs: 5, historyDepth: 0, edoScript: signingScript(0) });
  const { url } = await peer.start();
  const refs = Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);
  const cp = '11111111-1111-4111-8111-111111111111';
  const t0 = performance.now();
  let body = `<Справочник.Контрагенты><КлючевыеСвойства><Ссылка>${cp}</Ссылка><Наименование>ООО Ромашка</Наименование><ИНН>2536100016</ИНН><КПП>253601001</КПП><ЮридическоеФизическоеЛицо>ЮридическоеЛицо</ЮридическоеФизическоеЛицо></КлючевыеСвойства></Справочник.Контрагенты>`;
  for (const r of refs) {
    body += `<Документ.РеализацияТоваровУслуг><КлючевыеСвойства><Ссылка>${r}</Ссылка><Дата>2026-11-20T00:00:00</Дата><Номер>А-1</Номер><Организация><Наименование>РИЦ</Наименование><ИНН>2540300030</ИНН><КПП>254001001</КПП></Организация></КлючевыеСвойства><Контрагент><Ссылка>${cp}</Ссылка><Наименование>ООО Ромашка</Наименование><ИНН>2536100016</ИНН><КПП>253601001</КПП><ЮридическоеФизическоеЛицо>ЮридическоеЛицо</ЮридическоеФизическоеЛицо></Контрагент><Сумма>1000.00</Сумма><Услуги><Строка><Номенклатура><Наименование>Сопровождение</Наименование></Номенклатура><Количество>1</Количество><Цена>1000.00</Цена><Сумма>1000.00</Сумма><СтавкаНДС>БезНДС</СтавкаНДС><СуммаНДС>0</СуммаНДС></Строка></Услуги></Документ.РеализацияТоваровУслуг>`;
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Message xmlns:msg="http://www.1c.ru/SSL/Exchange/Message"><msg:Header><msg:Format>http://v8.1c.ru/edi/edi_stnd/EnterpriseData/1.8</msg:Format><msg:CreationDate>2026-11-27T09:00:00</msg:CreationDate><msg:Confirmation><msg:ExchangePlan>СинхронизацияДанныхЧерезУниверсальныйФормат</msg:ExchangePlan><msg:To>BP</msg:To><msg:From>CRM</msg:From><msg:MessageNo>1</msg:MessageNo><msg:ReceivedNo>0</msg:ReceivedNo></msg:Confirmation><msg:AvailableVersion>1.8</msg:AvailableVersion></msg:Header><Body xmlns="http://v8.1c.ru/edi/edi_stnd/EnterpriseData/1.8">${body}</Body></Message>`;
  fs.writeFileSync(path.join(dir, 'Message_CRM_BP.xml'), xml);
  const reply = path.join(dir, 'Message_BP_CRM.xml');
  while (!fs.existsSync(reply)) await new Promise((r) => setTimeout(r, 5));
  fs.readFileSync(reply, 'utf8').match(/<Номер>[^<]*<\/Номер>/g);
  const sendMs = performance.now() - t0;
  const t1 = performance.now();
  const auth = `Basic ${Buffer.from('odata:odata').toString('base64')}`;
  const get = async (set: string, filter: string) => {
    const res = await fetch(`${url}/${encodeURIComponent(set)}?$format=json&$filter=${encodeURIComponent(filter)}`, { headers: { authorization: auth } });
    return ((await res.json()) as { value: Record<string, string>[] }).value;
  };
  for (let i = 0; i < refs.length; i += 20) {
    const part = refs.slice(i, i + 20);
    const links = await get('InformationRegister_ОбъектыУчетаДокументовЭДО', part.map((r) => `ОбъектУчета eq '${r}'`).join(' or '));
    const edo = links.map((l) => l['ЭлектронныйДокумент']!);
    await get('Document_ЭлектронныйДокументИсходящийЭДО', edo.map((e) => `Ref_Key eq guid'${e}'`).join(' or '));
    await get('InformationRegister_СостоянияДокументовЭДО', edo.map((e) => `ЭлектронныйДокумент eq '${e}'`).join(' or '));
  }
  const statesMs = performance.now() - t1;
  await peer.stop();
  return { sendMs, statesMs };
}

export async function runEdoBench(o: EdoBenchOptions = {}): Promise<void> {
  const n = o.documents ?? 10_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-edo-'));
  const dbPath = path.join(dir, 'bench.db');
  const xdir = path.join(dir, 'exchange');
  console.log(`\nЭДО through 1С: ${n} acts out through the folder, acknowledged, states read back over OData (peer answering at once)`);
  const core = createCore({ dbPath, log: () => undefined });
  const db = core.db.$client;
  // Seeding (not timed): our requisites, one client with its counterparty, N issued acts with a line each, all queued.
  db.prepare(`INSERT INTO settings (key, value) VALUES ('documents.our_requisites', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(
    JSON.stringify({ fullName: 'ООО «РИЦ»', shortName: 'ООО «РИЦ»', inn: '2540300030', kpp: '254001001', signers: [] }),
  );
  const now = new Date().toISOString();
  const client = Number(db.prepare(`INSERT INTO clients (name, name_lc, status, created_at, updated_at) VALUES ('ООО «Ромашка»', 'ооо «ромашка»', 'active', ?, ?)`).run(now, now).lastInsertRowid);
  const cp = Number(db.prepare(`INSERT INTO counterparties (full_name, short_name, inn, kpp, created_at) VALUES ('ООО «Ромашка»', 'ООО «Ромашка»', '2536100016', '253601001', ?)`).run(now).lastInsertRowid);
  db.prepare(`INSERT INTO client_counterparties (client_id, counterparty_id, effective_from, created_at) VALUES (?, ?, '2020-01-01', ?)`).run(client, cp, now);
  const today = now.slice(0, 10);
  const insDoc = db.prepare(
    `INSERT INTO documents (type, series_year, seq, number, date, client_id, counterparty_id, amount_kop, status, planned_return, return_track, created_at, updated_at)
     VALUES ('act', 2026, ?, ?, ?, ?, ?, 100000, 'issued', ?, 1, ?, ?)`,
  );
  const insLine = db.prepare(`INSERT INTO document_lines (document_id, pos, name, qty, unit, price_kop, amount_kop) VALUES (?, 1, ?, 1, 'усл.', 100000, 100000)`);
  const ids: number[] = [];
  db.transaction(() => {
    for (let i = 1; i <= n; i++) {
      const id = Number(insDoc.run(i, `А-2026-${String(i).padStart(5, '0')}`, today, client, cp, today, now, now).lastInsertRowid);
      insLine.run(id, `Сопровождение К+ ${i}`);
      ids.push(id);
    }
  })();
  const conn = saveConnection(core.db, { name: '1С', sendVia: 'folder', folder: xdir, ourCode: 'CRM', peerCode: 'BP', odataUrl: 'http://127.0.0.1:1/x', odataUser: 'odata', odataPassword: 'odata', intervalSec: 3600, resendSec: 3600 }, now);
  db.transaction(() => {
    for (const id of ids) enqueueDocument(core.db, id, null, new Date());
  })();
  const peer = new OneCPeer({ dir: xdir, stateDir: xdir, port: 0, resendMs: 1e9, pollMs: 5, historyDepth: 0, edoScript: signingScript(0) });
  const { url } = await peer.start();
  db.prepare('UPDATE onec_connections SET odata_url = ? WHERE id = ?').run(url, conn);
  await core.close();

  const product = await runChild([dbPath, String(conn), String(n)]);
  await peer.stop();
  const fl = await floor(n, path.join(dir, 'floor'));
  console.log(
    table(
      ['row', 'product', 'floor', 'target', 'result'],
      [
        ['out and acknowledged', `${(product.ackedMs / 1000).toFixed(1)} s`, `${(fl.sendMs / 1000).toFixed(1)} s`, '—', ''],
        ['… and signed states read back (end to end)', `${(product.ms / 1000).toFixed(1)} s`, `${((fl.sendMs + fl.statesMs) / 1000).toFixed(1)} s`, '≤ 30 s', product.ms <= TARGET.ms ? 'met' : 'MISSED'],
        ['peak RSS of the exchange', `${product.rssMb.toFixed(0)} MB`, '—', '≤ 300 MB', product.rssMb <= TARGET.rssMb ? 'met' : 'MISSED'],
        ['rounds', String(product.rounds), '—', '—', ''],
      ],
    ),
  );
  if (o.keep) console.log(`Kept: ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
