// How a merge treats each reference to a client (and to a contact, when namesakes are joined): moved, or collisions settled explicitly.
//
// Every foreign key to `clients` and `contacts` in the schema must have a rule here; the merge refuses to run when one
// has none (test/features/merge-coverage.test.ts reads the schema and fails first). A `move` rule re-points rows
// and is allowed only where no unique constraint holds the column — where one does, the rule must say which row wins,
// so a merge never ends in a failed transaction or a silently dropped row.
import type { Ctx } from '../../api/context';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';

/** Rows a rule removed because the survivor had the same thing; kept in the tombstone so nothing is lost unseen. */
export type Dropped = Record<string, unknown[]>;

export interface RefRule {
  /** `move`: a plain re-point (no unique constraint on the column); `resolve`: the rule settles rows that meet. */
  kind: 'move' | 'resolve';
  /** Rows referring to `from`, and how many of them meet a row of `to`. */
  count(db: Db, from: number, to: number): { count: number; collisions: number };
  apply(ctx: Ctx, from: number, to: number, dropped: Dropped): void;
}

const countOf = (db: Db, sql: string, ...args: unknown[]) => (stmt(db, sql).get(...args) as { n: number }).n;

/** Re-points `table.column` from one row to another. */
export function move(table: string, column: string, after?: (ctx: Ctx, to: number) => void): RefRule {
  return {
    kind: 'move',
    count: (db, from) => ({ count: countOf(db, `SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?`, from), collisions: 0 }),
    apply(ctx, from, to) {
      stmt(ctx.db, `UPDATE ${table} SET ${column} = ? WHERE ${column} = ?`).run(to, from);
      after?.(ctx, to);
    },
  };
}

/** The same phone (digits) or e-mail twice on one owner after a move: the older row stays. */
function dedupeChannels(db: Db, clientId: number): void {
  stmt(
    db,
    `DELETE FROM phones WHERE client_id = ? AND EXISTS (SELECT 1 FROM phones o WHERE o.client_id = phones.client_id
       AND o.contact_id IS phones.contact_id AND o.digits = phones.digits AND o.id < phones.id)`,
  ).run(clientId);
  stmt(
    db,
    `DELETE FROM emails WHERE client_id = ? AND EXISTS (SELECT 1 FROM emails o WHERE o.client_id = emails.client_id
       AND o.contact_id IS emails.contact_id AND o.email = emails.email AND o.id < emails.id)`,
  ).run(clientId);
}

/** «Иванова  Анна Петровна» and «иванова анна петровна» (ё = е) are one person. */
export function personKey(fullName: string): string {
  return fullName.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
}

/** Contacts of `from` that have a namesake at `to`: [from contact, to contact]. */
export function namesakes(db: Db, from: number, to: number): { fromId: number; toId: number; fullName: string }[] {
  const mine = stmt(db, 'SELECT id, full_name AS n FROM contacts WHERE client_id = ? ORDER BY id').all(to) as { id: number; n: string }[];
  const byKey = new Map<string, number>();
  for (const c of mine) if (!byKey.has(personKey(c.n))) byKey.set(personKey(c.n), c.id);
  const out: { fromId: number; toId: number; fullName: string }[] = [];
  for (const c of stmt(db, 'SELECT id, full_name AS n FROM contacts WHERE client_id = ? ORDER BY id').all(from) as { id: number; n: string }[]) {
    const toId = byKey.get(personKey(c.n));
    if (toId != null) out.push({ fromId: c.id, toId, fullName: c.n });
  }
  return out;
}

/** References to a contact, for joining one person entered at both clients into one contact. */
export const CONTACT_RULES: Record<string, RefRule> = {
  'phones.contact_id': move('phones', 'contact_id'),
  'emails.contact_id': move('emails', 'contact_id'),
  'chat_sessions.contact_id': move('chat_sessions', 'contact_id'),
  'chat_questions.contact_id': move('chat_questions', 'contact_id'),
  'gb_certificates.contact_id': move('gb_certificates', 'contact_id'),
  'gb_request_items.contact_id': move('gb_request_items', 'contact_id'),
  'nss_records.contact_id': move('nss_records', 'contact_id'),
  'nss_seminar_people.contact_id': move('nss_seminar_people', 'contact_id'),
  'contact_roles.contact_id': {
    kind: 'resolve',
    count: (db, from, to) => ({
      count: countOf(db, 'SELECT COUNT(*) AS n FROM contact_roles WHERE contact_id = ?', from),
      collisions: countOf(db, 'SELECT COUNT(*) AS n FROM contact_roles r WHERE r.contact_id = ? AND EXISTS (SELECT 1 FROM contact_roles o WHERE o.contact_id = ? AND o.role = r.role)', from, to),
    }),
    apply(ctx, from, to) {
      // A role both have stays once.
      stmt(ctx.db, 'INSERT OR IGNORE INTO contact_roles (contact_id, role) SELECT ?, role FROM contact_roles WHERE contact_id = ?').run(to, from);
      stmt(ctx.db, 'DELETE FROM contact_roles WHERE contact_id = ?').run(from);
    },
  },
  'contact_characteristics.contact_id': {
    kind: 'resolve',
    count: (db, from, to) => ({
      count: countOf(db, 'SELECT COUNT(*) AS n FROM contact_characteristics WHERE contact_id = ?', from),
      collisions: countOf(
        db,
        'SELECT COUNT(*) AS n FROM contact_characteristics c WHERE c.contact_id = ? AND EXISTS (SELECT 1 FROM contact_characteristics o WHERE o.contact_id = ? AND o.characteristic_id = c.characteristic_id)',
        from,
        to,
      ),
    }),
    apply(ctx, from, to) {
      // The same characteristic on both: one row, both comments kept.
      stmt(
        ctx.db,
        `UPDATE contact_characteristics AS t SET comment = CASE
           WHEN t.comment IS NULL THEN f.comment WHEN f.comment IS NULL OR f.comment = t.comment THEN t.comment ELSE t.comment || '; ' || f.comment END
         FROM contact_characteristics AS f WHERE t.contact_id = ? AND f.contact_id = ? AND f.characteristic_id = t.characteristic_id`,
      ).run(to, from);
      stmt(ctx.db, 'INSERT OR IGNORE INTO contact_characteristics (contact_id, characteristic_id, comment) SELECT ?, characteristic_id, comment FROM contact_characteristics WHERE contact_id = ?').run(to, from);
      stmt(ctx.db, 'DELETE FROM contact_characteristics WHERE contact_id = ?').run(from);
    },
  },
};

/** Joins contact `from` into contact `to` (same person at both clients): every reference moves, then `from` goes. */
function joinContact(ctx: Ctx, from: number, to: number, rules: Record<string, RefRule>): void {
  for (const rule of Object.values(rules)) rule.apply(ctx, from, to, {});
  stmt(
    ctx.db,
    `UPDATE contacts AS t SET position = coalesce(t.position, f.position), note = CASE WHEN t.note IS NULL THEN f.note WHEN f.note IS NULL OR f.note = t.note THEN t.note ELSE t.note || '\n' || f.note END,
       active = max(t.active, f.active)
     FROM contacts AS f WHERE t.id = ? AND f.id = ?`,
  ).run(to, from);
  stmt(ctx.db, 'DELETE FROM contacts WHERE id = ?').run(from);
}

/** References to a client, applied in this order (contacts before phones, so joined contacts' channels are deduplicated once). */
export const CLIENT_RULES: Record<string, RefRule> = {
  'contacts.client_id': {
    kind: 'resolve',
    count: (db, from, to) => ({ count: countOf(db, 'SELECT COUNT(*) AS n FROM contacts WHERE client_id = ?', from), collisions: namesakes(db, from, to).length }),
    apply(ctx, from, to, dropped) {
      const joined = namesakes(ctx.db, from, to);
      for (const n of joined) joinContact(ctx, n.fromId, n.toId, CONTACT_RULES);
      if (joined.length) dropped['contacts.client_id'] = joined.map((n) => ({ joined: n.fromId, into: n.toId, fullName: n.fullName }));
      stmt(ctx.db, 'UPDATE contacts SET client_id = ? WHERE client_id = ?').run(to, from);
    },
  },
  'phones.client_id': move('phones', 'client_id', (ctx, to) => dedupeChannels(ctx.db, to)),
  'emails.client_id': move('emails', 'client_id', (ctx, to) => dedupeChannels(ctx.db, to)),
  'distributions.client_id': move('distributions', 'client_id'),
  'documents.client_id': move('documents', 'client_id'),
  'tasks.client_id': move('tasks', 'client_id'),
  'client_events.client_id': move('client_events', 'client_id'),
  'chat_sessions.client_id': move('chat_sessions', 'client_id'),
  'chat_questions.client_id': move('chat_questions', 'client_id'),
  // Certificate numbers are unique per programme, not per client: both clients' certificates simply move.
  'gb_certificates.client_id': move('gb_certificates', 'client_id'),
  'gb_request_items.client_id': move('gb_request_items', 'client_id'),
  'nss_records.client_id': move('nss_records', 'client_id'),
  'nss_cycles.client_id': move('nss_cycles', 'client_id'),
  'nss_seminar_people.client_id': {
    kind: 'resolve',
    count: (db, from, to) => ({
      count: countOf(db, 'SELECT COUNT(*) AS n FROM nss_seminar_people WHERE client_id = ?', from),
      collisions: countOf(
        db,
        'SELECT COUNT(*) AS n FROM nss_seminar_people p WHERE p.client_id = ? AND EXISTS (SELECT 1 FROM nss_seminar_people o WHERE o.client_id = ? AND o.seminar_id = p.seminar_id AND o.fio = p.fio)',
        from,
        to,
      ),
    }),
    apply(ctx, from, to, dropped) {
      // One person registered for one seminar by both clients: the survivor's registration stays, attended if either was.
      const clash = `FROM nss_seminar_people p WHERE p.client_id = ? AND EXISTS (SELECT 1 FROM nss_seminar_people o WHERE o.client_id = ? AND o.seminar_id = p.seminar_id AND o.fio = p.fio)`;
      const rows = stmt(ctx.db, `SELECT p.* ${clash}`).all(from, to) as { seminar_id: number; fio: string; attended: number }[];
      if (rows.length) dropped['nss_seminar_people.client_id'] = rows;
      for (const r of rows) {
        if (r.attended) stmt(ctx.db, 'UPDATE nss_seminar_people SET attended = 1 WHERE client_id = ? AND seminar_id = ? AND fio = ?').run(to, r.seminar_id, r.fio);
      }
      stmt(ctx.db, `DELETE FROM nss_seminar_people WHERE id IN (SELECT p.id ${clash})`).run(from, to);
      stmt(ctx.db, 'UPDATE nss_seminar_people SET client_id = ? WHERE client_id = ?').run(to, from);
    },
  },
  'client_edo.client_id': {
    kind: 'resolve',
    count: (db, from, to) => ({
      count: countOf(db, 'SELECT COUNT(*) AS n FROM client_edo WHERE client_id = ?', from),
      collisions: countOf(db, 'SELECT COUNT(*) AS n FROM client_edo a WHERE a.client_id = ? AND EXISTS (SELECT 1 FROM client_edo b WHERE b.client_id = ?)', from, to),
    }),
    apply(ctx, from, to, dropped) {
      // Both had the ЭДО setting: the survivor's stays (the merged one's is kept in the tombstone).
      const clash = stmt(ctx.db, 'SELECT a.* FROM client_edo a WHERE a.client_id = ? AND EXISTS (SELECT 1 FROM client_edo b WHERE b.client_id = ?)').all(from, to);
      if (clash.length) {
        dropped['client_edo.client_id'] = clash;
        stmt(ctx.db, 'DELETE FROM client_edo WHERE client_id = ?').run(from);
      } else stmt(ctx.db, 'UPDATE client_edo SET client_id = ? WHERE client_id = ?').run(to, from);
    },
  },
  'nss_client_months.client_id': {
    kind: 'resolve',
    count: (db, from) => ({ count: countOf(db, 'SELECT COUNT(*) AS n FROM nss_client_months WHERE client_id = ?', from), collisions: 0 }),
    // Derived from the records: the merged client's months go, the survivor's are recomputed after the merge.
    apply(ctx, from) {
      stmt(ctx.db, 'DELETE FROM nss_client_months WHERE client_id = ?').run(from);
    },
  },
  'nss_period_clients.client_id': {
    kind: 'resolve',
    count: (db, from) => ({ count: countOf(db, 'SELECT COUNT(*) AS n FROM nss_period_clients WHERE client_id = ?', from), collisions: 0 }),
    // Derived from the monthly rows: the merged client's go; the survivor's are rewritten when its months are recomputed.
    apply(ctx, from) {
      stmt(ctx.db, 'DELETE FROM nss_period_clients WHERE client_id = ?').run(from);
    },
  },
  'client_counterparties.client_id': {
    kind: 'resolve',
    count: (db, from, to) => ({
      count: countOf(db, 'SELECT COUNT(*) AS n FROM client_counterparties WHERE client_id = ?', from),
      collisions: countOf(
        db,
        'SELECT COUNT(*) AS n FROM client_counterparties l WHERE l.client_id = ? AND EXISTS (SELECT 1 FROM client_counterparties o WHERE o.client_id = ? AND o.effective_from = l.effective_from)',
        from,
        to,
      ),
    }),
    apply(ctx, from, to, dropped) {
      // Both name a counterparty from the same date: the survivor's link stands; documents keep their own counterparty.
      const clash = `FROM client_counterparties WHERE client_id = ? AND effective_from IN (SELECT effective_from FROM client_counterparties WHERE client_id = ?)`;
      const rows = stmt(ctx.db, `SELECT * ${clash}`).all(from, to);
      if (rows.length) dropped['client_counterparties.client_id'] = rows;
      stmt(ctx.db, `DELETE ${clash}`).run(from, to);
      stmt(ctx.db, 'UPDATE client_counterparties SET client_id = ? WHERE client_id = ?').run(to, from);
    },
  },
  'client_readiness_values.client_id': {
    kind: 'resolve',
    count: (db, from, to) => ({
      count: countOf(db, 'SELECT COUNT(*) AS n FROM client_readiness_values WHERE client_id = ?', from),
      collisions: countOf(
        db,
        'SELECT COUNT(*) AS n FROM client_readiness_values v WHERE v.client_id = ? AND EXISTS (SELECT 1 FROM client_readiness_values o WHERE o.client_id = ? AND o.field_code = v.field_code)',
        from,
        to,
      ),
    }),
    apply(ctx, from, to, dropped) {
      // A field confirmed at both: the newer confirmation wins (the survivor's on the same day).
      const older = stmt(
        ctx.db,
        `SELECT f.* FROM client_readiness_values f JOIN client_readiness_values t ON t.client_id = ? AND t.field_code = f.field_code
         WHERE f.client_id = ? AND f.confirmed_at <= t.confirmed_at`,
      ).all(to, from) as { field_code: string }[];
      const newer = stmt(
        ctx.db,
        `SELECT t.* FROM client_readiness_values t JOIN client_readiness_values f ON f.client_id = ? AND f.field_code = t.field_code
         WHERE t.client_id = ? AND f.confirmed_at > t.confirmed_at`,
      ).all(from, to) as { field_code: string }[];
      if (older.length + newer.length) dropped['client_readiness_values.client_id'] = [...older, ...newer];
      for (const r of older) stmt(ctx.db, 'DELETE FROM client_readiness_values WHERE client_id = ? AND field_code = ?').run(from, r.field_code);
      for (const r of newer) stmt(ctx.db, 'DELETE FROM client_readiness_values WHERE client_id = ? AND field_code = ?').run(to, r.field_code);
      stmt(ctx.db, 'UPDATE client_readiness_values SET client_id = ? WHERE client_id = ?').run(to, from);
    },
  },
  'client_readiness.client_id': {
    kind: 'resolve',
    count: (db, from) => ({ count: countOf(db, 'SELECT COUNT(*) AS n FROM client_readiness WHERE client_id = ?', from), collisions: 0 }),
    // Derived from the values: the merged client's rows go, the survivor's are recomputed after the merge.
    apply(ctx, from) {
      stmt(ctx.db, 'DELETE FROM client_readiness WHERE client_id = ?').run(from);
    },
  },
  // Tombstones of clients merged into the merged one now point straight at the survivor.
  'client_tombstones.survivor_id': move('client_tombstones', 'survivor_id'),
};
