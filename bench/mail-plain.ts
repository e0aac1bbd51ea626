// The straightforward mail intake of the mail benchmark, written from scratch in bench/: mailparser, a fixed table of the
// КЦ's labels, the client looked up by distribution, e-mail or phone with plain SQL, one row per message in a scratch file.
import Database from 'better-sqlite3';
import { simpleParser } from 'mailparser';

export interface PlainResult {
  kind: 'lead_price' | 'lead_demo' | 'lead_trial' | 'question' | null;
  number: string | null;
  fields: Record<string, string>;
  /** An existing client's id, or 'new' when a prospect has to be made. */
  client: number | 'new';
}

/** The labels the benchmark's messages use (DOMAIN.md «Leads from the K+ site», «Questions»). */
const LEAD_LABELS: Record<string, string> = {
  'тип заявки': 'type',
  'номер заявки': 'number',
  фио: 'fio',
  организация: 'org',
  город: 'city',
  'e-mail': 'email',
  телефон: 'phone',
  комментарий: 'comment',
};
const QUESTION_LABELS: Record<string, string> = { система: 'system', фио: 'fio', 'e-mail': 'email', телефон: 'phone', вопрос: 'question' };

function kindOf(subject: string): PlainResult['kind'] {
  const s = subject.toLowerCase();
  if (s.includes('вопрос')) return 'question';
  if (/пробн|3\s*дн/.test(s)) return 'lead_trial';
  if (s.includes('демо')) return 'lead_demo';
  if (s.includes('прайс')) return 'lead_price';
  return null;
}

/** `Label: value` lines; a label with nothing after it takes the next non-empty lines up to a blank line or the signature. */
function fieldsOf(text: string, labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^:]+):\s*(.*)$/.exec(lines[i]!);
    const field = m && labels[m[1]!.trim().toLowerCase()];
    if (!field || out[field] !== undefined) continue;
    let value = m[2]!.trim();
    if (!value) {
      const more: string[] = [];
      while (i + 1 < lines.length && lines[i + 1]!.trim() && lines[i + 1]!.trim() !== '--') more.push(lines[++i]!.trim());
      value = more.join('\n');
    }
    if (value) out[field] = field === 'email' ? value.toLowerCase() : value;
  }
  return out;
}

/** A Russian number written any usual way → its 10 national digits (null for anything shorter). */
function phoneDigits(raw: string): string | null {
  const d = raw.replace(/\D/g, '');
  if (d.length === 11 && (d[0] === '7' || d[0] === '8')) return d.slice(1);
  return d.length === 10 ? d : null;
}

export class PlainIntake {
  private readonly byDistr: Database.Statement;
  private readonly byDistrComp: Database.Statement;
  private readonly byEmail: Database.Statement;
  private readonly byPhone: Database.Statement;
  private readonly scratch: Database.Database;
  private readonly insertMessage: Database.Statement;
  private readonly insertTask: Database.Statement;
  private readonly insertProspect: Database.Statement;

  /** `crm` is read for the client lookups; what this intake writes goes to its own file. */
  constructor(crm: Database.Database, scratchFile: string) {
    this.byDistr = crm.prepare('SELECT client_id AS c FROM distributions WHERE system_code = ? AND distr_number = ? AND client_id <= ? ORDER BY client_id LIMIT 1');
    this.byDistrComp = crm.prepare('SELECT client_id AS c FROM distributions WHERE system_code = ? AND distr_number = ? AND comp = ? AND client_id <= ? ORDER BY client_id LIMIT 1');
    this.byEmail = crm.prepare('SELECT client_id AS c FROM emails WHERE email = ? AND client_id <= ? ORDER BY client_id LIMIT 1');
    this.byPhone = crm.prepare('SELECT client_id AS c FROM phones WHERE digits = ? AND client_id <= ? ORDER BY client_id LIMIT 1');
    this.scratch = new Database(scratchFile);
    this.scratch.pragma('journal_mode = WAL');
    this.scratch.exec(`CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, uid INTEGER, message_id TEXT UNIQUE, subject TEXT, raw BLOB, fields TEXT);
      CREATE TABLE IF NOT EXISTS prospects (id INTEGER PRIMARY KEY, name TEXT, email TEXT, phone TEXT);
      CREATE TABLE IF NOT EXISTS tasks (id INTEGER PRIMARY KEY, message INTEGER, kind TEXT, number TEXT UNIQUE, client_id INTEGER, prospect_id INTEGER);`);
    this.insertMessage = this.scratch.prepare('INSERT OR IGNORE INTO messages (uid, message_id, subject, raw, fields) VALUES (?, ?, ?, ?, ?)');
    this.insertTask = this.scratch.prepare('INSERT OR IGNORE INTO tasks (message, kind, number, client_id, prospect_id) VALUES (?, ?, ?, ?, ?)');
    this.insertProspect = this.scratch.prepare('INSERT INTO prospects (name, email, phone) VALUES (?, ?, ?)');
  }

  /** What the message says and whose it is; clients made after `maxClientId` (by the product meanwhile) are not looked at. */
  async read(raw: Buffer, maxClientId: number): Promise<PlainResult & { messageId: string; subject: string }> {
    const mail = await simpleParser(raw);
    const subject = mail.subject ?? '';
    const kind = kindOf(subject);
    const fields = fieldsOf(mail.text ?? '', kind === 'question' ? QUESTION_LABELS : LEAD_LABELS);
    const number = kind && kind !== 'question' ? (fields.number ?? null) : null;
    let client: number | null = null;
    const d = fields.system && /^([A-Z]+)_(\d+)(?:_(\d+))?$/.exec(fields.system);
    if (d) {
      const hit = (d[3] ? this.byDistrComp.get(d[1], Number(d[2]), Number(d[3]), maxClientId) : this.byDistr.get(d[1], Number(d[2]), maxClientId)) as { c: number } | undefined;
      client = hit?.c ?? null;
    }
    if (client == null && fields.email) client = (this.byEmail.get(fields.email, maxClientId) as { c: number } | undefined)?.c ?? null;
    const digits = fields.phone ? phoneDigits(fields.phone) : null;
    if (client == null && digits) client = (this.byPhone.get(digits, maxClientId) as { c: number } | undefined)?.c ?? null;
    return { kind, number, fields, client: client ?? 'new', messageId: mail.messageId ?? '', subject };
  }

  /** Reads, looks up and stores one message in one transaction. */
  async take(uid: number, raw: Buffer, maxClientId: number): Promise<PlainResult> {
    const r = await this.read(raw, maxClientId);
    this.scratch.transaction(() => {
      const m = this.insertMessage.run(uid, r.messageId, r.subject, raw, JSON.stringify(r.fields));
      const prospect = r.client === 'new' ? Number(this.insertProspect.run(r.fields.org ?? r.fields.fio ?? '', r.fields.email ?? null, r.fields.phone ?? null).lastInsertRowid) : null;
      this.insertTask.run(m.lastInsertRowid, r.kind, r.number, r.client === 'new' ? null : r.client, prospect);
    })();
    return r;
  }

  close(): void {
    this.scratch.close();
  }
}
