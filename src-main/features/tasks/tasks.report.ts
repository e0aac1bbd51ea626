// The tasks report: leads and questions by kind, status, result and employee, with time to first contact and to closing.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { localDayRange } from '../calendar/workcal';
import { kindSetting } from './create';
import type { ContactResult, TaskKind, TaskReport, TaskStatus } from '../../../src-shared/mail-types';

const MINUTES = (a: string, b: string) => `(julianday(${b}) - julianday(${a})) * 1440.0`;

export function taskReport(db: Db, f: { from: string; to: string; kind?: TaskKind; directionId?: number }, now: string): TaskReport {
  // Arrival is when the server received the message; tasks made by hand start when they were made.
  const arrival = 'coalesce(m.received_at, t.created_at)';
  const contact = 'coalesce(t.taken_at, t.closed_at)';
  const range = localDayRange(db, f.from, f.to);
  const rows = stmt(
    db,
    `SELECT t.kind, t.status, t.result, t.assignee_id AS assigneeId, e.full_name AS assigneeName, COUNT(*) AS count,
       SUM(CASE WHEN coalesce(t.closed_at, @now) > t.deadline THEN 1 ELSE 0 END) AS late,
       AVG(CASE WHEN ${contact} IS NOT NULL THEN ${MINUTES(arrival, contact)} END) AS firstContactAvgMin,
       MAX(CASE WHEN ${contact} IS NOT NULL THEN ${MINUTES(arrival, contact)} END) AS firstContactMaxMin,
       AVG(CASE WHEN t.closed_at IS NOT NULL THEN ${MINUTES(arrival, 't.closed_at')} END) AS closeAvgMin
     FROM tasks t LEFT JOIN mail_messages m ON m.id = t.message_id LEFT JOIN employees e ON e.id = t.assignee_id
     WHERE t.created_at >= @from AND t.created_at < @toExcl AND (@kind IS NULL OR t.kind = @kind) AND (@dir IS NULL OR t.direction_id = @dir)
     GROUP BY t.kind, t.status, t.result, t.assignee_id
     ORDER BY t.kind, t.status, t.result, e.full_name`,
  ).all({
    // Days are the РИЦ's calendar days, not UTC ones: a lead of 01:00 Vladivostok time belongs to that day.
    from: range.fromIso,
    toExcl: range.toExclIso,
    kind: f.kind ?? null,
    dir: f.directionId ?? null,
    now,
  }) as {
    kind: TaskKind;
    status: TaskStatus;
    result: ContactResult | null;
    assigneeId: number | null;
    assigneeName: string | null;
    count: number;
    late: number;
    firstContactAvgMin: number | null;
    firstContactMaxMin: number | null;
    closeAvgMin: number | null;
  }[];
  const round = (v: number | null) => (v == null ? null : Math.round(v * 10) / 10);
  // Imported questions without a task belong to the question kind's direction, like the tasks they would have been.
  const questionsShown = (f.kind == null || f.kind === 'question') && (f.directionId == null || f.directionId === kindSetting(db, 'question').directionId);
  const imported = questionsShown
    ? (stmt(
        db,
        `SELECT COUNT(*) AS count, coalesce(SUM(CASE WHEN client_id IS NULL THEN 1 ELSE 0 END), 0) AS withoutClient FROM chat_questions
         WHERE task_id IS NULL AND asked_at >= ? AND asked_at < ?`,
      ).get(range.fromIso, range.toExclIso) as { count: number; withoutClient: number })
    : { count: 0, withoutClient: 0 };
  return {
    importedQuestions: imported,
    from: f.from,
    to: f.to,
    rows: rows.map((r) => ({
      kind: r.kind,
      status: r.status,
      result: r.result,
      assignee: r.assigneeId != null ? { id: r.assigneeId, fullName: r.assigneeName ?? '' } : null,
      count: r.count,
      late: r.late,
      firstContactAvgMin: round(r.firstContactAvgMin),
      firstContactMaxMin: round(r.firstContactMaxMin),
      closeAvgMin: round(r.closeAvgMin),
    })),
  };
}
