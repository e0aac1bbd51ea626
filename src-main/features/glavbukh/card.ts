// Reading certificates for the client card and the lists: the history with today's status, and the current badge per programme.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { gbEffectiveStatus } from './certs';
import { readGbSettings } from './settings';
import type { GbBadge, GbCard, GbCertificateItem, GbSource, GbStatus } from '../../../src-shared/glavbukh';

/**
 * The rank that picks a client's current certificate of a programme on `today`: a certified one still valid first, then
 * an open request (a renewal of an expired one shows as «заявка»), then expired ones (recorded so, or past their date);
 * within each the latest valid-until (none = open-ended, first among valid ones only), then the newest. Revoked ones
 * are never current.
 */
export const GB_CURRENT_ORDER = (a: string, today = '@today') =>
  `CASE WHEN ${a}.status = 'certified' AND (${a}.valid_until IS NULL OR ${a}.valid_until >= ${today}) THEN 0 WHEN ${a}.status = 'requested' THEN 1 ELSE 2 END,
   CASE WHEN ${a}.status = 'certified' AND ${a}.valid_until IS NULL THEN 0 ELSE 1 END, ${a}.valid_until DESC, ${a}.id DESC`;

/** SQL: the JSON array of a client's current certificates (one per programme), for `@today`; `clientExpr` names the client id. */
export const gbBadgesSql = (clientExpr: string, today = '@today') => `(SELECT json_group_array(json_object('programme', g.programme, 'status', ${gbEffectiveStatus('g', today)},
     'number', g.number, 'validUntil', g.valid_until))
   FROM gb_certificates g WHERE g.client_id = ${clientExpr} AND g.status <> 'revoked'
     AND g.id = (SELECT g2.id FROM gb_certificates g2 WHERE g2.client_id = g.client_id AND g2.programme = g.programme AND g2.status <> 'revoked'
                 ORDER BY ${GB_CURRENT_ORDER('g2', today)} LIMIT 1))`;

/** Programme code → name, from the settings. */
export const programmeNames = (db: Db) => new Map(readGbSettings(db).programmes.map((p) => [p.code, p.name]));

export function parseBadges(json: string | null, names: Map<string, string>): GbBadge[] {
  if (!json) return [];
  const all = JSON.parse(json) as GbBadge[];
  for (const b of all) {
    const name = names.get(b.programme);
    if (name) b.name = name;
  }
  return all.sort((a, b) => a.programme.localeCompare(b.programme));
}

export function loadBadges(db: Db, clientId: number, today: string): GbBadge[] {
  const r = stmt(db, `SELECT ${gbBadgesSql('@clientId', '@today')} AS b`).get({ clientId, today }) as { b: string | null };
  return parseBadges(r.b, programmeNames(db));
}

interface RawCert {
  id: number;
  programme: string;
  recordedStatus: GbStatus;
  status: GbStatus;
  number: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  contactId: number | null;
  contactName: string | null;
  source: GbSource;
  fileId: number | null;
  fileName: string | null;
  requestId: number | null;
  note: string | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

export function loadGbCard(db: Db, clientId: number, today: string): GbCard {
  const rows = stmt(
    db,
    `SELECT g.id, g.programme, g.status AS recordedStatus, ${gbEffectiveStatus('g', '@today')} AS status, g.number, g.issued_on AS issuedOn,
       g.valid_until AS validUntil, g.contact_id AS contactId, ct.full_name AS contactName, g.source, f.id AS fileId, f.name AS fileName,
       g.request_id AS requestId, g.note, g.created_at AS createdAt, ec.full_name AS createdBy, g.updated_at AS updatedAt, eu.full_name AS updatedBy
     FROM gb_certificates g LEFT JOIN contacts ct ON ct.id = g.contact_id LEFT JOIN import_files f ON f.id = g.source_file_id
       LEFT JOIN employees ec ON ec.id = g.created_by LEFT JOIN employees eu ON eu.id = g.updated_by
     WHERE g.client_id = @clientId
     ORDER BY g.programme, CASE WHEN g.status = 'revoked' THEN 1 ELSE 0 END, ${GB_CURRENT_ORDER('g')}`,
  ).all({ clientId, today }) as RawCert[];
  const certificates: GbCertificateItem[] = rows.map((r) => ({
    id: r.id,
    programme: r.programme,
    recordedStatus: r.recordedStatus,
    status: r.status,
    number: r.number,
    issuedOn: r.issuedOn,
    validUntil: r.validUntil,
    contact: r.contactId != null ? { id: r.contactId, name: r.contactName ?? '' } : null,
    source: r.source,
    sourceFile: r.fileId != null ? { id: r.fileId, name: r.fileName ?? '' } : null,
    requestId: r.requestId,
    note: r.note,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
  }));
  const settings = readGbSettings(db);
  const contacts = stmt(db, 'SELECT id, full_name AS name FROM contacts WHERE client_id = ? ORDER BY active DESC, full_name, id').all(clientId) as { id: number; name: string }[];
  return {
    certificates,
    badges: loadBadges(db, clientId, today),
    programmes: settings.programmes.map((p) => ({ code: p.code, name: p.name })),
    expiringDays: settings.expiringDays,
    contacts,
  };
}
