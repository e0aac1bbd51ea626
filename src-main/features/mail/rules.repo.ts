// Parsing rules stored as data: loading them for the parser and turning rows into contract rows.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import type { MailField, MailRuleRow, RuleKind } from '../../../src-shared/mail-types';
import type { RuleDef } from './parsed';

interface RawRule {
  id: number;
  kind: RuleKind;
  name: string;
  sort: number;
  enabled: number;
  subjectPatterns: string;
  typePatterns: string;
  labels: string;
  requireAny: string;
  updatedAt: string;
}

const SELECT = `SELECT id, kind, name, sort, enabled, subject_patterns AS subjectPatterns, type_patterns AS typePatterns,
  labels, require_any AS requireAny, updated_at AS updatedAt FROM mail_rules`;

function toRow(r: RawRule): MailRuleRow {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    sort: r.sort,
    enabled: !!r.enabled,
    subjectPatterns: JSON.parse(r.subjectPatterns) as string[],
    typePatterns: JSON.parse(r.typePatterns) as string[],
    labels: JSON.parse(r.labels) as Partial<Record<MailField, string[]>>,
    requireAny: JSON.parse(r.requireAny) as MailField[],
    updatedAt: r.updatedAt,
  };
}

export function listRules(db: Db): MailRuleRow[] {
  return (stmt(db, `${SELECT} ORDER BY sort, id`).all() as RawRule[]).map(toRow);
}

export function getRule(db: Db, id: number): MailRuleRow | null {
  const r = stmt(db, `${SELECT} WHERE id = ?`).get(id) as RawRule | undefined;
  return r ? toRow(r) : null;
}

export function toRuleDef(r: MailRuleRow): RuleDef {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    sort: r.sort,
    enabled: r.enabled,
    subjectPatterns: r.subjectPatterns,
    typePatterns: r.typePatterns,
    labels: r.labels,
    requireAny: r.requireAny,
  };
}

/**
 * The rules the parser uses, cached per connection until a rule is saved (the cache key is the
 * newest update time and the count, so an edit made by another process is picked up too).
 */
const cache = new WeakMap<object, { key: string; rules: RuleDef[] }>();
export function loadRules(db: Db): RuleDef[] {
  const k = stmt(db, 'SELECT max(updated_at) AS u, count(*) AS n, sum(id) AS s FROM mail_rules').get() as { u: string | null; n: number; s: number | null };
  const key = `${k.u}|${k.n}|${k.s}`;
  const hit = cache.get(db.$client);
  if (hit && hit.key === key) return hit.rules;
  const rules = listRules(db).map(toRuleDef);
  cache.set(db.$client, { key, rules });
  return rules;
}
