// Call-back reminders of a task («Пора перезвонить»): stored ahead with their time, they follow the task's assignee and end with it.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';

/** A reminder not yet due moves to the task's new assignee (take, assign): the former one no longer hears of the task. */
export function moveReminders(db: Db, taskId: number, employeeId: number, nowIso: string): void {
  stmt(db, "UPDATE notifications SET employee_id = ? WHERE task_id = ? AND kind = 'task_reminder' AND read = 0 AND at > ?").run(employeeId, taskId, nowIso);
}

/** A closed task calls nobody back: its pending reminder goes, and so does its next contact time. */
export function dropReminders(db: Db, taskId: number, nowIso: string): void {
  stmt(db, "DELETE FROM notifications WHERE task_id = ? AND kind = 'task_reminder' AND read = 0 AND at > ?").run(taskId, nowIso);
  stmt(db, 'UPDATE tasks SET next_contact_at = NULL WHERE id = ?').run(taskId);
}

/** Reminders whose time came in (from, to]: announced by a push so the bell and the desktop notice show them at once. */
export function remindersDue(db: Db, fromIso: string, toIso: string): { id: number; employeeId: number; taskId: number | null }[] {
  return stmt(
    db,
    "SELECT id, employee_id AS employeeId, task_id AS taskId FROM notifications WHERE kind = 'task_reminder' AND read = 0 AND at > ? AND at <= ? ORDER BY at, id",
  ).all(fromIso, toIso) as { id: number; employeeId: number; taskId: number | null }[];
}
