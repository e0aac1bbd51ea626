// What НСС figures mean, in one place with the report: which raw rows count as ГЛ, ЛК, a chat, a contact, and when a
// row counts for НСС at all (only while its kit — or, without a kit, any kit of the client — is НСС on its date).
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import type { NssColumnDoc, NssMix } from '../../../src-shared/nss';

/**
 * The source of each counted figure. A *contact* is any of them (every one is an interaction with the client's people);
 * the report's `contacts` column is their sum.
 */
export const NSS_SOURCES = {
  /** ГЛ: a call to the phone hotline, recorded by hand, in bulk or from a call list (`nss_records.kind = 'gl_call'`). */
  glCalls: "nss_records (kind = 'gl_call'; count, duration_sec)",
  /**
   * ЛК: written consultations — every «Задать вопрос» question, whatever direction its task was routed to: the КЦ's
   * export (`chat_questions`) and the e-mailed questions (`tasks.kind = 'question'`) not joined to one of them.
   */
  lk: "chat_questions + tasks (kind = 'question', not joined by chat_questions.task_id)",
  /** Online dialogs (Онлайн-диалог sessions) of the КЦ's export. */
  chats: 'chat_sessions',
  /** The personal manager's calls and meetings. */
  pmContacts: "nss_records (kind IN ('pm_call', 'pm_meeting'))",
  /** СИО visits (a visit may carry the USR update it proves). */
  sioVisits: "nss_records (kind = 'sio_visit')",
  /** A seminar a contact person of the client attended. */
  seminars: 'nss_seminar_people (attended) + nss_seminars (on_date)',
  /** Any other recorded interaction. */
  otherContacts: "nss_records (kind = 'contact')",
} as const;

/** The kinds of `nss_records` and the figure each feeds. */
export const RECORD_FIGURE: Record<string, 'glCalls' | 'pmContacts' | 'sioVisits' | 'otherContacts'> = {
  gl_call: 'glCalls',
  pm_call: 'pmContacts',
  pm_meeting: 'pmContacts',
  sio_visit: 'sioVisits',
  contact: 'otherContacts',
};

/** The report's columns: each a formula over `nss_client_months` (written by aggregate.ts from the sources above). */
export const NSS_COLUMNS: NssColumnDoc[] = [
  { key: 'contacts', formula: 'SUM(contacts) over the period’s months = ГЛ + ЛК + chats + ПМ + СИО + seminars + other', sources: ['nss_records', 'chat_questions', 'tasks', 'chat_sessions', 'nss_seminar_people'] },
  { key: 'glCalls', formula: 'SUM(gl_calls)', sources: ['nss_records'] },
  { key: 'glMinutes', formula: 'ROUND(SUM(gl_sec) / 60)', sources: ['nss_records'] },
  { key: 'lk', formula: 'SUM(lk)', sources: ['chat_questions', 'tasks'] },
  { key: 'chats', formula: 'SUM(chats)', sources: ['chat_sessions'] },
  { key: 'pmContacts', formula: 'SUM(pm_contacts)', sources: ['nss_records'] },
  { key: 'sioVisits', formula: 'SUM(sio_visits)', sources: ['nss_records'] },
  { key: 'seminars', formula: 'SUM(seminars)', sources: ['nss_seminar_people', 'nss_seminars'] },
  { key: 'otherContacts', formula: 'SUM(other_contacts)', sources: ['nss_records'] },
  { key: 'months', formula: 'COUNT(months with nss_days > 0)', sources: ['distribution_schemes'] },
  { key: 'perMonth', formula: 'contacts / months', sources: ['nss_client_months'] },
  { key: 'monthsBelowPlan', formula: 'COUNT(months with contacts < plan.contactsPerMonth)', sources: ['nss_client_months', 'settings.nss'] },
  { key: 'lastContactOn', formula: 'MAX(last_contact_on) up to the period’s end', sources: ['nss_client_months'] },
  { key: 'daysSinceContact', formula: 'min(period end, today) − lastContactOn', sources: ['nss_client_months'] },
  { key: 'maxGapDays', formula: 'the longest of: gaps inside a month (max_gap_days), gaps between a month’s last and the next contact, from the period’s start to the first contact and from the last contact to the period’s end', sources: ['nss_client_months'] },
  { key: 'overGap', formula: 'maxGapDays > plan.maxGapDays', sources: ['settings.nss'] },
  { key: 'cycleEndsOn', formula: 'the nearest end of an active cycle', sources: ['nss_cycles'] },
  { key: 'contactsPerWeek', formula: 'contacts / (days of the period / 7)', sources: ['nss_client_months'] },
];

export interface SchemeRow {
  distributionId: number;
  scheme: string;
  effectiveFrom: string;
}

/** The scheme history of one client's kits, answering «is this kit (or any kit) НСС on a date». */
export class SchemeTimeline {
  private readonly byKit = new Map<number, SchemeRow[]>();

  constructor(rows: SchemeRow[]) {
    for (const r of rows) {
      const list = this.byKit.get(r.distributionId) ?? [];
      list.push(r);
      this.byKit.set(r.distributionId, list);
    }
    for (const list of this.byKit.values()) list.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  }

  static ofClient(db: Db, clientId: number): SchemeTimeline {
    const rows = stmt(
      db,
      `SELECT s.distribution_id AS distributionId, s.scheme, s.effective_from AS effectiveFrom
       FROM distribution_schemes s JOIN distributions d ON d.id = s.distribution_id WHERE d.client_id = ?`,
    ).all(clientId) as SchemeRow[];
    return new SchemeTimeline(rows);
  }

  kits(): number[] {
    return [...this.byKit.keys()];
  }

  /** The kit's scheme on a date (the latest effective date ≤ it), null before its first. */
  schemeOn(kitId: number, date: string): string | null {
    let found: string | null = null;
    for (const r of this.byKit.get(kitId) ?? []) {
      if (r.effectiveFrom <= date) found = r.scheme;
      else break;
    }
    return found;
  }

  /** Whether a row counts for НСС: its kit НСС on its date; a row without a kit (or a kit of another client) — any kit of the client. */
  counts(kitId: number | null, date: string): boolean {
    if (kitId != null && this.byKit.has(kitId)) return this.schemeOn(kitId, date) === 'nss';
    return this.anyNss(date);
  }

  anyNss(date: string): boolean {
    for (const kit of this.byKit.keys()) if (this.schemeOn(kit, date) === 'nss') return true;
    return false;
  }

  /** НСС and standard kits on a date. */
  kitCounts(date: string): { nss: number; standard: number } {
    let nss = 0;
    let standard = 0;
    for (const kit of this.byKit.keys()) {
      const s = this.schemeOn(kit, date);
      if (s === 'nss') nss++;
      else if (s === 'standard') standard++;
    }
    return { nss, standard };
  }

  /** НСС / стандарт / смешанная on a date. */
  mix(date: string): NssMix {
    const { nss, standard } = this.kitCounts(date);
    return nss && standard ? 'mixed' : nss ? 'nss' : standard ? 'standard' : 'none';
  }

  /** The first date any kit became НСС, or null when none ever was. */
  firstNss(): string | null {
    let first: string | null = null;
    for (const list of this.byKit.values()) for (const r of list) if (r.scheme === 'nss' && (first === null || r.effectiveFrom < first)) first = r.effectiveFrom;
    return first;
  }
}

/** SQL: the client's mix today, for lists (`:today` bound). One correlated subquery per kit through the scheme index. */
export const MIX_SQL = (clientCol: string, todayParam: string) => `(
  SELECT CASE WHEN SUM(sc = 'nss') > 0 AND SUM(sc = 'standard') > 0 THEN 'mixed' WHEN SUM(sc = 'nss') > 0 THEN 'nss'
              WHEN SUM(sc = 'standard') > 0 THEN 'standard' ELSE 'none' END
  FROM (SELECT (SELECT s.scheme FROM distribution_schemes s WHERE s.distribution_id = d.id AND s.effective_from <= ${todayParam}
                ORDER BY s.effective_from DESC LIMIT 1) AS sc
        FROM distributions d WHERE d.client_id = ${clientCol}))`;
