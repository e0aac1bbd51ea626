// Keeps the search rows of a client (trigram text, name words for two-letter prefixes) in step with its data.
// Contacts and phones have their own FTS tables, kept by triggers (migration 0010), so every path that writes them is covered.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';

/**
 * One SELECT both writers share: folded (ё = е) name with the short name, ИНН, e-mails and city. `crm_fold` is the
 * connection's SQL function (db/functions.ts), the same folding queries go through.
 */
const ROW = `SELECT c.id, crm_words(c.name || coalesce(' ' || c.short_name, '')) AS name, coalesce(c.inn, '') AS inn,
    crm_fold(coalesce((SELECT group_concat(email, ' ') FROM emails WHERE client_id = c.id), '')) AS emails, crm_fold(coalesce(c.city, '')) AS city
  FROM clients c`;

export function dropClientIndex(db: Db, clientId: number): void {
  stmt(db, 'DELETE FROM client_search WHERE rowid = ?').run(clientId);
  stmt(db, 'DELETE FROM client_words WHERE rowid = ?').run(clientId);
}

export function reindexClient(db: Db, clientId: number): void {
  dropClientIndex(db, clientId);
  stmt(db, `INSERT INTO client_search (rowid, name, inn, emails, city) SELECT * FROM (${ROW} WHERE c.id = ?)`).run(clientId);
  stmt(db, 'INSERT INTO client_words (rowid, words) SELECT rowid, name FROM client_search WHERE rowid = ?').run(clientId);
}

/** Rebuilds the client rows of the index (after bulk loads such as the seed). */
export function reindexAll(db: Db): void {
  db.$client.exec(`
    DELETE FROM client_search;
    DELETE FROM client_words;
    INSERT INTO client_search (rowid, name, inn, emails, city) SELECT * FROM (${ROW});
    INSERT INTO client_words (rowid, words) SELECT rowid, name FROM client_search;
  `);
}
