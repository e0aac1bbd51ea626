// Creating and editing documents: every check against the database (counterparty on the date, contract, distributions), numbering, amounts, planned return.
import type { Ctx } from '../../api/context';
import { diff } from '../../api/context';
import { AppError, badField } from '../../api/errors';
import { stmt } from '../../db/stmt';
import type { MethodParsed } from '../../../src-shared/api';
import { DOCUMENT_TYPE_LABELS, type DocumentStatus, type DocumentType, type VatMode } from '../../../src-shared/doc-types';
import { formatDate } from '../../../src-shared/format';
import { counterpartyOn } from '../clients/clients.card';
import { documentRow, type DocumentRow } from './documents.repo';
import { takeNumber } from './numbering';
import { plannedReturnDate, returnTrack } from './return-rules';
import { ourRequisites, returnPeriodOf } from './settings.repo';
import { totalsFromLines } from './vat';
import { applyCounterpartyChange } from './agreements';
import { addEdoEvent, versionFollowsReturn } from '../edo/queue';

type CreateInput = MethodParsed<'documents.create'>;
type UpdateInput = MethodParsed<'documents.update'>;
type LineInput = NonNullable<CreateInput['lines']>[number];
type SpecItem = NonNullable<CreateInput['distributions']>[number];

function checkEmployee(ctx: Ctx, path: string, id: number | null | undefined): void {
  if (id == null) return;
  const row = stmt(ctx.db, 'SELECT active FROM employees WHERE id = ?').get(id) as { active: number } | undefined;
  if (!row || !row.active) throw badField(path, 'employee');
}

function checkSignerCode(ctx: Ctx, code: string | null | undefined): void {
  if (code == null) return;
  if (!ourRequisites(ctx.db).signers.some((s) => s.code === code)) throw badField('signerCode', 'not_found');
}

/** The contract a specification or an agreement belongs to: same client, not cancelled. */
function checkParent(ctx: Ctx, parentId: number, clientId: number): void {
  const p = stmt(ctx.db, 'SELECT type, client_id AS clientId, status FROM documents WHERE id = ?').get(parentId) as
    | { type: DocumentType; clientId: number; status: DocumentStatus }
    | undefined;
  if (!p) throw badField('parentId', 'not_found');
  if (p.type !== 'contract') throw badField('parentId', 'not_contract');
  if (p.clientId !== clientId) throw badField('parentId', 'other_client');
  if (p.status === 'cancelled') throw badField('parentId', 'cancelled');
}

/** Distributions of a specification: the client's own, each once, none already in another active specification of the contract. */
function checkSpecItems(ctx: Ctx, items: SpecItem[], clientId: number, contractId: number, specId: number | null): void {
  const seen = new Set<number>();
  items.forEach((it, i) => {
    const path = `distributions.${i}.distributionId`;
    const d = stmt(ctx.db, 'SELECT client_id AS clientId FROM distributions WHERE id = ?').get(it.distributionId) as { clientId: number } | undefined;
    if (!d) throw badField(path, 'not_found');
    if (d.clientId !== clientId) throw badField(path, 'other_client');
    if (seen.has(it.distributionId)) throw badField(path, 'duplicate');
    seen.add(it.distributionId);
    const other = stmt(
      ctx.db,
      'SELECT specification_id AS s FROM specification_distributions WHERE contract_id = ? AND distribution_id = ? AND active = 1 AND specification_id <> ?',
    ).get(contractId, it.distributionId, specId ?? 0) as { s: number } | undefined;
    if (other) throw new AppError('BAD_INPUT', `distribution in specification ${other.s}`, [{ path, reason: 'in_other_specification' }]);
  });
}

function writeSpecItems(ctx: Ctx, specId: number, contractId: number, items: SpecItem[], active: boolean): void {
  stmt(ctx.db, 'DELETE FROM specification_distributions WHERE specification_id = ?').run(specId);
  const ins = stmt(
    ctx.db,
    'INSERT INTO specification_distributions (specification_id, contract_id, distribution_id, pos, price_kop, active) VALUES (?, ?, ?, ?, ?, ?)',
  );
  items.forEach((it, i) => ins.run(specId, contractId, it.distributionId, i + 1, it.priceKop ?? null, active ? 1 : 0));
}

const lineAmount = (l: LineInput) => Math.round(l.qty * l.priceKop);

function writeLines(ctx: Ctx, documentId: number, lines: LineInput[]): void {
  stmt(ctx.db, 'DELETE FROM document_lines WHERE document_id = ?').run(documentId);
  const ins = stmt(ctx.db, 'INSERT INTO document_lines (document_id, pos, name, qty, unit, price_kop, amount_kop) VALUES (?, ?, ?, ?, ?, ?, ?)');
  lines.forEach((l, i) => ins.run(documentId, i + 1, l.name, l.qty, l.unit, l.priceKop, lineAmount(l)));
}

/**
 * The stored amount is what the client pays. With lines (or a specification's prices) it follows from them
 * and VAT; a given amount must then agree. Without them it is the amount given (0 for a framework contract).
 */
function resolveAmount(given: number | undefined, lines: LineInput[] | null, items: SpecItem[] | null, vatMode: VatMode, vatRate: number): number {
  let sum: number | null = null;
  if (lines && lines.length > 0) sum = lines.reduce((s, l) => s + lineAmount(l), 0);
  else if (items && items.some((i) => i.priceKop != null)) sum = items.reduce((s, i) => s + (i.priceKop ?? 0), 0);
  if (sum == null) return given ?? 0;
  const total = totalsFromLines(sum, vatMode, vatRate).total;
  if (given != null && given !== total) throw badField('amountKop', 'lines_mismatch');
  return total;
}

function counterpartyIdOn(ctx: Ctx, clientId: number, date: string): number {
  const cp = counterpartyOn(ctx.db, clientId, date);
  if (!cp) throw badField('date', 'no_counterparty');
  return cp.id;
}

export function createDocument(ctx: Ctx, input: CreateInput): { id: number; number: string; plannedReturn: string | null } {
  const client = stmt(ctx.db, 'SELECT sio_id AS sioId FROM clients WHERE id = ?').get(input.clientId) as { sioId: number | null } | undefined;
  if (!client) throw badField('clientId', 'not_found');
  const counterpartyId = counterpartyIdOn(ctx, input.clientId, input.date);
  if (input.parentId != null) checkParent(ctx, input.parentId, input.clientId);
  const sioId = input.sioId === undefined ? client.sioId : input.sioId;
  checkEmployee(ctx, 'sioId', sioId);
  checkEmployee(ctx, 'signerEmployeeId', input.signerEmployeeId);
  checkSignerCode(ctx, input.signerCode);
  const items = input.type === 'specification' ? input.distributions! : null;
  if (items) checkSpecItems(ctx, items, input.clientId, input.parentId!, null);
  const vatMode = input.vatMode ?? 'none';
  // The schema refuses it too; kept here so that no other caller stores a счёт-фактура without VAT.
  if (input.type === 'invoice_factura' && vatMode === 'none') throw badField('vatMode', 'vat_required');
  const vatRate = vatMode === 'none' ? 0 : (input.vatRate ?? 22);
  const lines = input.lines ?? [];
  const amountKop = resolveAmount(input.amountKop, lines, items, vatMode, vatRate);

  const num = takeNumber(ctx.db, input.type, input.date, input.seq);
  const change =
    input.agreementKind === 'counterparty_change'
      ? applyCounterpartyChange(ctx, {
          clientId: input.clientId,
          changeFrom: input.changeFrom!,
          newCounterpartyId: input.newCounterpartyId,
          newCounterparty: input.newCounterparty,
          basis: `${DOCUMENT_TYPE_LABELS.additional_agreement} № ${num.number} от ${formatDate(input.date)}`,
        })
      : null;
  const planned = plannedReturnDate(input.date, returnPeriodOf(ctx.db, input.type));
  const now = ctx.nowIso();
  const r = stmt(
    ctx.db,
    `INSERT INTO documents (type, form, series_year, seq, number, date, client_id, counterparty_id, parent_id, sio_id, amount_kop,
       vat_mode, vat_rate, signer_employee_id, signer_code, status, subject, period_from, period_to, agreement_kind,
       new_counterparty_id, change_from, planned_return, return_track, comment, created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    input.type,
    input.type === 'contract' ? (input.form ?? 'es') : null,
    num.year,
    num.seq,
    num.number,
    input.date,
    input.clientId,
    counterpartyId,
    input.parentId ?? null,
    sioId ?? null,
    amountKop,
    vatMode,
    vatRate,
    input.signerEmployeeId ?? null,
    input.signerCode ?? null,
    input.status,
    input.subject,
    input.periodFrom ?? null,
    input.periodTo ?? null,
    input.type === 'additional_agreement' ? (input.agreementKind ?? 'general') : null,
    change?.counterpartyId ?? null,
    input.changeFrom ?? null,
    planned,
    returnTrack(input.status, planned, null),
    input.comment,
    now,
    ctx.user?.id ?? null,
    now,
  );
  const id = Number(r.lastInsertRowid);
  if (lines.length > 0) writeLines(ctx, id, lines);
  if (items) writeSpecItems(ctx, id, input.parentId!, items, true);
  ctx.audit('document', id, 'create', { ...input, number: num.number, plannedReturn: planned });
  return { id, number: num.number, plannedReturn: planned };
}

/** Cancelling frees a specification's distributions; restoring takes them back unless another specification has them now. */
function changeStatus(ctx: Ctx, d: DocumentRow, status: DocumentStatus): void {
  if (status === d.status) return;
  if (status === 'cancelled' && d.type === 'contract') {
    const live = stmt(ctx.db, "SELECT 1 FROM documents WHERE parent_id = ? AND status <> 'cancelled' LIMIT 1").get(d.id);
    if (live) throw badField('status', 'has_active_children');
  }
  if (d.type === 'specification') {
    if (status === 'cancelled') stmt(ctx.db, 'UPDATE specification_distributions SET active = 0 WHERE specification_id = ?').run(d.id);
    else if (d.status === 'cancelled') {
      const items = stmt(ctx.db, 'SELECT distribution_id AS distributionId, price_kop AS priceKop FROM specification_distributions WHERE specification_id = ? ORDER BY pos').all(
        d.id,
      ) as SpecItem[];
      checkParent(ctx, d.parentId!, d.clientId);
      checkSpecItems(ctx, items, d.clientId, d.parentId!, d.id);
      stmt(ctx.db, 'UPDATE specification_distributions SET active = 1 WHERE specification_id = ?').run(d.id);
    }
  }
}

export function updateDocument(ctx: Ctx, input: UpdateInput): { version: number; plannedReturn: string | null; plannedReturnChanged: boolean } {
  const d = documentRow(ctx.db, input.id);
  if (d.version !== input.version) throw new AppError('CONFLICT', 'stale version');
  if (input.form != null && d.type !== 'contract') throw badField('form', 'not_allowed');
  if (input.distributions != null && d.type !== 'specification') throw badField('distributions', 'not_allowed');
  if (input.distributions != null && input.distributions.length === 0) throw badField('distributions', 'required');

  const date = input.date ?? d.date;
  const counterpartyId = input.date && input.date !== d.date ? counterpartyIdOn(ctx, d.clientId, date) : d.counterpartyId;
  if (input.sioId !== undefined) checkEmployee(ctx, 'sioId', input.sioId);
  if (input.signerEmployeeId !== undefined) checkEmployee(ctx, 'signerEmployeeId', input.signerEmployeeId);
  if (input.signerCode !== undefined) checkSignerCode(ctx, input.signerCode);
  const status = input.status ?? d.status;
  changeStatus(ctx, d, status);
  const items = input.distributions ?? null;
  if (items) checkSpecItems(ctx, items, d.clientId, d.parentId!, d.id);

  const vatMode = input.vatMode ?? d.vatMode;
  if (d.type === 'invoice_factura' && vatMode === 'none') throw badField('vatMode', 'vat_required');
  const vatRate = vatMode === 'none' ? 0 : (input.vatRate ?? (d.vatMode === 'none' ? 22 : d.vatRate));
  const pricing = input.lines !== undefined || items !== null || input.vatMode !== undefined || input.vatRate !== undefined || input.amountKop !== undefined;
  let amountKop = d.amountKop;
  if (pricing) {
    const lines = input.lines ?? (stmt(ctx.db, 'SELECT name, qty, unit, price_kop AS priceKop FROM document_lines WHERE document_id = ? ORDER BY pos').all(d.id) as LineInput[]);
    const specItems =
      items ??
      (d.type === 'specification'
        ? (stmt(ctx.db, 'SELECT distribution_id AS distributionId, price_kop AS priceKop FROM specification_distributions WHERE specification_id = ?').all(d.id) as SpecItem[])
        : null);
    const hasBasis = lines.length > 0 || (specItems?.some((i) => i.priceKop != null) ?? false);
    amountKop = resolveAmount(input.amountKop ?? (hasBasis ? undefined : d.amountKop), lines, specItems, vatMode, vatRate);
  }

  const planned = date === d.date ? d.plannedReturn : plannedReturnDate(date, returnPeriodOf(ctx.db, d.type));
  const patch = {
    date,
    counterpartyId,
    form: input.form ?? d.form,
    status,
    sioId: input.sioId === undefined ? d.sioId : input.sioId,
    amountKop,
    vatMode,
    vatRate,
    signerEmployeeId: input.signerEmployeeId === undefined ? d.signerEmployeeId : input.signerEmployeeId,
    signerCode: input.signerCode === undefined ? d.signerCode : input.signerCode,
    subject: input.subject === undefined ? d.subject : input.subject,
    periodFrom: input.periodFrom === undefined ? d.periodFrom : input.periodFrom,
    periodTo: input.periodTo === undefined ? d.periodTo : input.periodTo,
    comment: input.comment === undefined ? d.comment : input.comment,
    plannedReturn: planned,
  };
  if (patch.periodFrom && patch.periodTo && patch.periodTo < patch.periodFrom) throw badField('periodTo', 'before_start');
  if (d.returnedAt && d.returnedAt < date) throw badField('date', 'after_return');
  stmt(
    ctx.db,
    `UPDATE documents SET date = ?, counterparty_id = ?, form = ?, status = ?, sio_id = ?, amount_kop = ?, vat_mode = ?, vat_rate = ?,
       signer_employee_id = ?, signer_code = ?, subject = ?, period_from = ?, period_to = ?, comment = ?, planned_return = ?,
       return_track = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
  ).run(
    patch.date,
    patch.counterpartyId,
    patch.form,
    patch.status,
    patch.sioId,
    patch.amountKop,
    patch.vatMode,
    patch.vatRate,
    patch.signerEmployeeId,
    patch.signerCode,
    patch.subject,
    patch.periodFrom,
    patch.periodTo,
    patch.comment,
    patch.plannedReturn,
    returnTrack(patch.status, patch.plannedReturn, d.returnedAt),
    ctx.nowIso(),
    d.id,
  );
  if (input.lines !== undefined) writeLines(ctx, d.id, input.lines);
  if (items) writeSpecItems(ctx, d.id, d.parentId!, items, patch.status !== 'cancelled');
  const changes: Record<string, unknown> = diff(d, patch);
  if (input.lines !== undefined) changes.lines = input.lines;
  if (items) changes.distributions = items.map((i) => i.distributionId);
  ctx.audit('document', d.id, 'update', changes);
  return { version: d.version + 1, plannedReturn: planned, plannedReturnChanged: planned !== d.plannedReturn };
}

export function markReturned(ctx: Ctx, input: MethodParsed<'documents.markReturned'>): { version: number } {
  const d = documentRow(ctx.db, input.id);
  if (d.status !== 'issued') throw new AppError('CONFLICT', `document is ${d.status}`, [{ path: 'id', reason: 'not_issued' }]);
  if (input.date > ctx.today()) throw badField('date', 'future');
  if (input.date < d.date) throw badField('date', 'before_document');
  // Signed through ЭДО is the return: a paper mark does not overwrite it (taking the ЭДО return back comes first).
  if (d.returnedVia === 'edo') throw new AppError('CONFLICT', 'returned through ЭДО', [{ path: 'id', reason: 'edo_returned' }]);
  checkEmployee(ctx, 'broughtById', input.broughtById);
  stmt(
    ctx.db,
    `UPDATE documents SET returned_at = ?, returned_via = ?, returned_by_id = ?, returned_note = ?, return_track = ?, updated_at = ?,
       version = version + 1 WHERE id = ?`,
  ).run(input.date, input.via, input.broughtById ?? null, input.broughtBy, returnTrack(d.status, d.plannedReturn, input.date), ctx.nowIso(), d.id);
  versionFollowsReturn(ctx.db, d.id, d.version);
  ctx.audit('document', d.id, 'mark_returned', { date: input.date, via: input.via, broughtById: input.broughtById ?? null, broughtBy: input.broughtBy, before: d.returnedAt });
  return { version: d.version + 1 };
}

export function unmarkReturned(ctx: Ctx, id: number): { version: number } {
  const d = documentRow(ctx.db, id);
  if (!d.returnedAt) return { version: d.version };
  stmt(
    ctx.db,
    `UPDATE documents SET returned_at = NULL, returned_via = NULL, returned_by_id = NULL, returned_note = NULL, return_track = ?, updated_at = ?,
       version = version + 1 WHERE id = ?`,
  ).run(returnTrack(d.status, d.plannedReturn, null), ctx.nowIso(), d.id);
  versionFollowsReturn(ctx.db, d.id, d.version);
  ctx.audit('document', d.id, 'unmark_returned', { was: d.returnedAt, via: d.returnedVia });
  if (d.returnedVia === 'edo') addEdoEvent(ctx.db, d.id, ctx.nowIso(), 'return_taken_back', null, d.returnedAt, ctx.user?.id ?? null);
  return { version: d.version + 1 };
}
