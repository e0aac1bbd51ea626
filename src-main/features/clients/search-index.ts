// Keeps the FTS5 trigram row of a client (name, ИНН, phones, e-mails) in step with its data.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';

export function reindexClient(db: Db, clientId: number): void {
  stmt(db, 'DELETE FROM client_search WHERE rowid = ?').run(clientId);
  stmt(
    db,
    `INSERT INTO client_search (rowid, name, inn, phones, emails)
     SELECT c.id, c.name || coalesce(' ' || c.short_name, ''), coalesce(c.inn, ''),
       coalesce((SELECT group_concat(digits, ' ') FROM phones WHERE client_id = c.id), ''),
       coalesce((SELECT group_concat(email, ' ') FROM emails WHERE client_id = c.id), '')
     FROM clients c WHERE c.id = ?`,
  ).run(clientId);
}

/** Rebuilds the whole index (after bulk loads such as the seed). */
export function reindexAll(db: Db): void {
  db.$client.exec(`
    DELETE FROM client_search;
    INSERT INTO client_search (rowid, name, inn, phones, emails)
    SELECT c.id, c.name || coalesce(' ' || c.short_name, ''), coalesce(c.inn, ''),
      coalesce(p.d, ''), coalesce(e.m, '')
    FROM clients c
    LEFT JOIN (SELECT client_id, group_concat(digits, ' ') AS d FROM phones GROUP BY client_id) p ON p.client_id = c.id
    LEFT JOIN (SELECT client_id, group_concat(email, ' ') AS m FROM emails GROUP BY client_id) e ON e.client_id = c.id;
  `);
}
