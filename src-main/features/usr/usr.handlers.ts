// Handlers of stored USR files: the list, one file's facts, unknown kits and linking one to a client (through the card's distribution path).
import type { HandlerMap } from '../../api/handler';
import type { Ctx } from '../../api/context';
import { AppError, badField, notFound } from '../../api/errors';
import { stmt } from '../../db/stmt';
import { distributionSaveInput } from '../../../src-shared/api/clients';
import { getClientRow } from '../clients/clients.handlers';
import { partsHandlers } from '../clients/parts.handlers';
import { getUsrFile, listUnknownKits, listUsrFiles } from './usr.repo';

/** The distribution-creation path of the card, so a kit linked here gets its scheme, event and audit like any other. */
const saveDistribution = partsHandlers['distributions.save'] as (input: ReturnType<typeof distributionSaveInput.parse>, ctx: Ctx) => { id: number };

interface KitRow {
  id: number;
  systemCode: string;
  systemNumber: number | null;
  distrNumber: number;
  comp: number;
  distributionId: number | null;
}

/** The catalogue's code for a kit: its own when the catalogue has it, else the one of its system number; null when neither. */
function catalogueCode(ctx: Ctx, kit: KitRow): string | null {
  const own = stmt(ctx.db, 'SELECT code FROM kplus_systems WHERE code = ?').get(kit.systemCode) as { code: string } | undefined;
  if (own) return own.code;
  if (kit.systemNumber == null) return null;
  const byNumber = stmt(ctx.db, 'SELECT code FROM kplus_systems WHERE number = ?').get(kit.systemNumber) as { code: string } | undefined;
  return byNumber?.code ?? null;
}

/** Files of a kit that no longer name an unknown kit become `stored`; returns how many. */
export function settleFiles(ctx: Ctx, usrKitId: number): number {
  return stmt(
    ctx.db,
    `UPDATE usr_files SET status = 'stored' WHERE status = 'unknown_kit'
       AND id IN (SELECT usr_file_id FROM usr_file_kits WHERE usr_kit_id = ?)
       AND NOT EXISTS (SELECT 1 FROM usr_file_kits fk JOIN usr_kits k ON k.id = fk.usr_kit_id WHERE fk.usr_file_id = usr_files.id AND k.distribution_id IS NULL)`,
  ).run(usrKitId).changes;
}

export const usrHandlers: HandlerMap<'usr.files' | 'usr.file' | 'usr.kits.unknown' | 'usr.kits.link'> = {
  'usr.files': (input, ctx) => listUsrFiles(ctx.db, input, input.offset, input.limit),

  'usr.file': (input, ctx) => {
    const f = getUsrFile(ctx.db, input.id);
    if (!f) throw notFound('usr_file');
    return f;
  },

  'usr.kits.unknown': (input, ctx) => listUnknownKits(ctx.db, input.limit),

  'usr.kits.link': (input, ctx) => {
    getClientRow(ctx, input.clientId);
    const db = ctx.db;
    const kit = stmt(
      db,
      'SELECT id, system_code AS systemCode, system_number AS systemNumber, distr_number AS distrNumber, comp, distribution_id AS distributionId FROM usr_kits WHERE id = ?',
    ).get(input.usrKitId) as KitRow | undefined;
    if (!kit) throw notFound('usr_kit');
    const code = catalogueCode(ctx, kit);
    if (!code) throw badField('systemCode', 'unknown_system');
    const d = stmt(db, 'SELECT id, client_id AS c FROM distributions WHERE system_code = ? AND distr_number = ? AND comp = ?').get(code, kit.distrNumber, kit.comp) as
      | { id: number; c: number }
      | undefined;
    if (d && d.c !== input.clientId) {
      const other = stmt(db, 'SELECT name FROM clients WHERE id = ?').get(d.c) as { name: string };
      throw new AppError('CONFLICT', 'kit belongs to another client', [{ path: 'clientId', reason: 'distribution_of_other_client', ref: { id: d.c, name: other.name } }]);
    }
    const distributionId = d ? d.id : saveDistribution(distributionSaveInput.parse({ clientId: input.clientId, systemCode: code, distrNumber: kit.distrNumber, comp: kit.comp }), ctx).id;
    stmt(db, 'UPDATE usr_kits SET distribution_id = ? WHERE id = ?').run(distributionId, kit.id);
    const filesStored = settleFiles(ctx, kit.id);
    ctx.audit('usr_kit', kit.id, 'link', { clientId: input.clientId, distributionId, created: !d, filesStored });
    return { distributionId, created: !d, filesStored };
  },
};
