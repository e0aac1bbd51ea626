// Reading documents: list rows with their return state, the full card, the register query and what a client owes back.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { notFound } from '../../api/errors';
import { formatDistr } from '../../../src-shared/distr';
import type {
  AgreementKind,
  ContractForm,
  DocumentCard,
  DocumentListItem,
  DocumentStatus,
  DocumentType,
  OwedSummary,
  ReturnState,
  ReturnVia,
  SpecDistribution,
  VatMode,
} from '../../../src-shared/doc-types';
import type { CounterpartyRow } from '../../../src-shared/types';
import { returnStatus } from './return-rules';
import { totalsFromLines, totalsFromTotal } from './vat';

const LIST_COLUMNS = `d.id, d.type, d.form, d.number, d.date, d.client_id AS clientId, c.name AS clientName,
  coalesce(cp.short_name, cp.full_name) AS counterpartyName, d.parent_id AS parentId, p.number AS parentNumber,
  d.amount_kop AS amountKop, d.status, d.planned_return AS plannedReturn, d.returned_at AS returnedAt,
  d.sio_id AS sioId, s.full_name AS sioName, coalesce(rb.full_name, d.returned_note) AS returnedByName, d.returned_via AS returnedVia,
  ed.state AS edoState`;
// CROSS JOIN keeps documents the outer loop, so the (client, date) and (type, date) indexes order the register.
const LIST_JOINS = `FROM documents d CROSS JOIN clients c ON c.id = d.client_id CROSS JOIN counterparties cp ON cp.id = d.counterparty_id
  LEFT JOIN documents p ON p.id = d.parent_id LEFT JOIN employees s ON s.id = d.sio_id LEFT JOIN employees rb ON rb.id = d.returned_by_id
  LEFT JOIN edo_documents ed ON ed.document_id = d.id`;

type ListRaw = Omit<DocumentListItem, 'returnState' | 'daysOverdue' | 'sio'> & { sioId: number | null; sioName: string | null };

function toItem(r: ListRaw, today: string): DocumentListItem {
  const { sioId, sioName, ...rest } = r;
  const st = returnStatus(r.status, r.plannedReturn, r.returnedAt, today);
  return { ...rest, sio: sioId == null ? null : { id: sioId, fullName: sioName! }, returnState: st.state, daysOverdue: st.daysOverdue };
}

export interface ListFilter {
  clientId?: number;
  type?: DocumentType;
  status?: DocumentStatus;
  parentId?: number;
  sioId?: number;
  returnState?: Exclude<ReturnState, 'not_tracked'>;
  number?: string;
  dateFrom?: string;
  dateTo?: string;
  limit: number;
  offset: number;
}

/** The register: newest first; the filters map onto the (client, date) and (type, date) indexes. */
export function listDocuments(db: Db, f: ListFilter, today: string): { items: DocumentListItem[]; total: number } {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    where.push(sql);
    args.push(v);
  };
  if (f.clientId != null) add('d.client_id = ?', f.clientId);
  if (f.type) add('d.type = ?', f.type);
  if (f.status) add('d.status = ?', f.status);
  if (f.parentId != null) add('d.parent_id = ?', f.parentId);
  if (f.sioId != null) add('d.sio_id = ?', f.sioId);
  // The same split as the return report: tracked and not returned is overdue from the day after the planned date.
  if (f.returnState === 'overdue') add('d.return_track = 1 AND d.planned_return < ?', today);
  if (f.returnState === 'awaited') add('d.return_track = 1 AND d.planned_return >= ?', today);
  if (f.returnState === 'returned_in_time') add('d.return_track = ?', 2);
  if (f.returnState === 'returned_late') add('d.return_track = ?', 3);
  if (f.dateFrom) add('d.date >= ?', f.dateFrom);
  if (f.dateTo) add('d.date <= ?', f.dateTo);
  // Numbers are ASCII digits and Cyrillic prefixes typed in capitals; instr is exact and case-sensitive.
  if (f.number) add('instr(d.number, ?) > 0', f.number.toUpperCase());
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (stmt(db, `SELECT count(*) AS n FROM documents d ${w}`).get(...args) as { n: number }).n;
  const rows = stmt(db, `SELECT ${LIST_COLUMNS} ${LIST_JOINS} ${w} ORDER BY d.date DESC, d.id DESC LIMIT ? OFFSET ?`).all(
    ...args,
    f.limit,
    f.offset,
  ) as ListRaw[];
  return { items: rows.map((r) => toItem(r, today)), total };
}

const CP_COLUMNS = `id, full_name AS fullName, short_name AS shortName, inn, kpp, ogrn, legal_address AS legalAddress, bank_name AS bankName,
  bik, corr_account AS corrAccount, account, director_name AS directorName, director_position AS directorPosition,
  signer_name AS signerName, signer_basis AS signerBasis`;

export function counterpartyById(db: Db, id: number): CounterpartyRow | null {
  return (stmt(db, `SELECT ${CP_COLUMNS} FROM counterparties WHERE id = ?`).get(id) as CounterpartyRow | undefined) ?? null;
}

export interface DocumentRow {
  id: number;
  type: DocumentType;
  form: ContractForm | null;
  seriesYear: number;
  seq: number;
  number: string;
  date: string;
  clientId: number;
  counterpartyId: number;
  parentId: number | null;
  sioId: number | null;
  amountKop: number;
  vatMode: VatMode;
  vatRate: number;
  signerEmployeeId: number | null;
  signerCode: string | null;
  status: DocumentStatus;
  subject: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  agreementKind: AgreementKind | null;
  newCounterpartyId: number | null;
  changeFrom: string | null;
  plannedReturn: string | null;
  returnedAt: string | null;
  returnedVia: ReturnVia | null;
  returnedById: number | null;
  returnedNote: string | null;
  comment: string | null;
  createdAt: string;
  createdBy: number | null;
  updatedAt: string;
  version: number;
}

export function documentRow(db: Db, id: number): DocumentRow {
  const r = stmt(
    db,
    `SELECT id, type, form, series_year AS seriesYear, seq, number, date, client_id AS clientId, counterparty_id AS counterpartyId,
       parent_id AS parentId, sio_id AS sioId, amount_kop AS amountKop, vat_mode AS vatMode, vat_rate AS vatRate,
       signer_employee_id AS signerEmployeeId, signer_code AS signerCode, status, subject, period_from AS periodFrom,
       period_to AS periodTo, agreement_kind AS agreementKind, new_counterparty_id AS newCounterpartyId, change_from AS changeFrom,
       planned_return AS plannedReturn, returned_at AS returnedAt, returned_via AS returnedVia, returned_by_id AS returnedById,
       returned_note AS returnedNote, comment, created_at AS createdAt, created_by AS createdBy, updated_at AS updatedAt, version
     FROM documents WHERE id = ?`,
  ).get(id) as DocumentRow | undefined;
  if (!r) throw notFound('document');
  return r;
}

export function documentLines(db: Db, documentId: number): DocumentCard['lines'] {
  return stmt(db, 'SELECT name, qty, unit, price_kop AS priceKop, amount_kop AS amountKop FROM document_lines WHERE document_id = ? ORDER BY pos').all(
    documentId,
  ) as DocumentCard['lines'];
}

export function specDistributions(db: Db, specificationId: number): SpecDistribution[] {
  const rows = stmt(
    db,
    `SELECT sd.distribution_id AS distributionId, d.system_code AS systemCode, ks.name AS systemName, d.distr_number AS distrNumber, d.comp,
       d.network_type AS networkType, d.state, sd.price_kop AS priceKop, sd.active
     FROM specification_distributions sd JOIN distributions d ON d.id = sd.distribution_id LEFT JOIN kplus_systems ks ON ks.code = d.system_code
     WHERE sd.specification_id = ? ORDER BY sd.pos`,
  ).all(specificationId) as (Omit<SpecDistribution, 'code' | 'active'> & { distrNumber: number; comp: number; active: number })[];
  return rows.map(({ distrNumber, comp, active, ...r }) => ({
    ...r,
    code: formatDistr({ system: r.systemCode, number: distrNumber, comp }),
    active: !!active,
  }));
}

export function loadDocumentCard(db: Db, id: number, today: string): DocumentCard {
  const d = documentRow(db, id);
  const item = toItem(stmt(db, `SELECT ${LIST_COLUMNS} ${LIST_JOINS} WHERE d.id = ?`).get(id) as ListRaw, today);
  const lines = documentLines(db, id);
  const names = stmt(db, 'SELECT id, full_name AS fullName FROM employees WHERE id IN (?, ?)').all(d.returnedById ?? 0, d.createdBy ?? 0) as {
    id: number;
    fullName: string;
  }[];
  const nameOf = (eid: number | null) => names.find((n) => n.id === eid)?.fullName ?? null;
  const totals = lines.length > 0 ? totalsFromLines(lines.reduce((s, l) => s + l.amountKop, 0), d.vatMode, d.vatRate) : totalsFromTotal(d.amountKop, d.vatMode, d.vatRate);
  const children =
    d.type === 'contract'
      ? (stmt(db, `SELECT ${LIST_COLUMNS} ${LIST_JOINS} WHERE d.parent_id = ? ORDER BY d.date, d.id`).all(id) as ListRaw[]).map((r) => toItem(r, today))
      : [];
  const distributionMap =
    d.type === 'contract'
      ? (
          stmt(
            db,
            `SELECT sd.distribution_id AS distributionId, ds.system_code AS systemCode, ds.distr_number AS distrNumber, ds.comp,
               sd.specification_id AS specificationId, s.number AS specificationNumber
             FROM specification_distributions sd JOIN distributions ds ON ds.id = sd.distribution_id JOIN documents s ON s.id = sd.specification_id
             WHERE sd.contract_id = ? AND sd.active = 1 ORDER BY ds.system_code, ds.distr_number, ds.comp`,
          ).all(id) as { distributionId: number; systemCode: string; distrNumber: number; comp: number; specificationId: number; specificationNumber: string }[]
        ).map(({ systemCode, distrNumber, comp, ...r }) => ({ ...r, code: formatDistr({ system: systemCode, number: distrNumber, comp }) }))
      : [];
  return {
    ...item,
    version: d.version,
    seriesYear: d.seriesYear,
    vatMode: d.vatMode,
    vatRate: d.vatRate,
    vatKop: totals.vat,
    signerEmployeeId: d.signerEmployeeId,
    signerCode: d.signerCode,
    subject: d.subject,
    periodFrom: d.periodFrom,
    periodTo: d.periodTo,
    agreementKind: d.agreementKind,
    changeFrom: d.changeFrom,
    newCounterparty: d.newCounterpartyId == null ? null : counterpartyById(db, d.newCounterpartyId),
    returnedVia: d.returnedVia,
    returnedBy: d.returnedById == null ? null : { id: d.returnedById, fullName: nameOf(d.returnedById) ?? '' },
    returnedNote: d.returnedNote,
    comment: d.comment,
    counterparty: counterpartyById(db, d.counterpartyId)!,
    lines,
    distributions: d.type === 'specification' ? specDistributions(db, id) : [],
    children,
    distributionMap,
    createdAt: d.createdAt,
    createdBy: nameOf(d.createdBy),
    updatedAt: d.updatedAt,
  };
}

/** What a client owes back: documents issued and not returned, the overdue ones first. */
export function owedSummary(db: Db, clientId: number, today: string): OwedSummary {
  const rows = stmt(db, `SELECT ${LIST_COLUMNS} ${LIST_JOINS} WHERE d.client_id = ? AND d.return_track = 1 ORDER BY d.planned_return, d.id`).all(
    clientId,
  ) as ListRaw[];
  const items = rows.map((r) => toItem(r, today));
  return {
    owed: items.length,
    overdue: items.filter((i) => i.returnState === 'overdue').length,
    oldestPlanned: items[0]?.plannedReturn ?? null,
    items,
  };
}
