// Types of «Мой день»: the caller's tasks, calls, owed documents and lapsing readiness, and the head's department load.
import type { DocumentType } from './doc-types';
import type { TaskListItem } from './mail-types';
import type { Role } from './roles';
import type { EmployeeRef } from './types';

export interface OwedDocument {
  id: number;
  type: DocumentType;
  number: string;
  clientId: number;
  clientName: string;
  plannedReturn: string;
  /** Days past the planned return (0 when not yet due). */
  daysOverdue: number;
}

export interface LapsingReadiness {
  clientId: number;
  clientName: string;
  stageName: string;
  /** The last day the client is ready for the stage. */
  readyUntil: string;
}

export interface EmployeeLoad {
  employee: EmployeeRef;
  roles: Role[];
  openTasks: number;
  overdueTasks: number;
  /** Open tasks whose next contact time has come. */
  callsDue: number;
  /** Clients where the employee is СИО or ПМ. */
  clients: number;
  /** Documents of those clients not returned past their date. */
  overdueDocuments: number;
}

export interface MyDay {
  /** The РИЦ's calendar date and the instant the answer was made. */
  today: string;
  now: string;
  /** My open tasks due by the end of today, overdue first. */
  tasks: TaskListItem[];
  /** My open tasks with a next contact time by the end of today, earliest first. */
  calls: TaskListItem[];
  /** Documents my clients have not returned, overdue first (at most 50; `documentsTotal` counts all). */
  documents: OwedDocument[];
  documentsTotal: number;
  /** My clients whose readiness for a stage lapses within seven days (today included). */
  readiness: LapsingReadiness[];
  /** Heads and administrators: the department's employees and their load; null for everyone else. */
  department: { name: string | null; employees: EmployeeLoad[] } | null;
}
