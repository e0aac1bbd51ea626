// The kit a request names (a «Задать вопрос» question's «Система»): its list form through the catalogue, and its owner in the base.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { formatDistr } from '../../../src-shared/distr';
import { findKit, type SystemCatalog } from '../../../src-shared/systems';
import type { TaskKit } from '../../../src-shared/mail-types';

/** `SKJP_000777_02` when the catalogue knows the system (number form converted), else the text as written. */
export function kitListText(cat: SystemCatalog, text: string): string {
  const k = findKit(cat, text);
  return k?.kind === 'kit' ? formatDistr(k.kit) : text.trim();
}

export function describeKit(db: Db, cat: SystemCatalog, text: string): TaskKit {
  const k = findKit(cat, text);
  if (!k || k.kind === 'partial') return { text, code: null, systemCode: null, systemName: null, owner: null, problem: 'unparsed' };
  if (k.kind !== 'kit') return { text, code: null, systemCode: k.kind === 'unknown_system_code' ? k.code : null, systemName: null, owner: null, problem: k.kind };
  const owner = stmt(
    db,
    'SELECT c.id, c.name FROM distributions d JOIN clients c ON c.id = d.client_id WHERE d.system_code = ? AND d.distr_number = ? AND d.comp = ?',
  ).get(k.kit.system, k.kit.number, k.kit.comp) as { id: number; name: string } | undefined;
  return { text, code: formatDistr(k.kit), systemCode: k.kit.system, systemName: k.system.name, owner: owner ?? null, problem: null };
}

/** The kit in the base's terms, for adding it to a client. */
export function kitOfText(cat: SystemCatalog, text: string): { system: string; number: number; comp: number } | null {
  const k = findKit(cat, text);
  return k?.kind === 'kit' ? k.kit : null;
}
