// Output types of the chat operator window (`chat.lookup`): the client, the person, kits, tasks, documents owed, past chats and questions.
import type { ClientStatus, ContactRole, Scheme } from './api/common';
import type { ContactCharacteristic, EmployeeRef, SearchMatch } from './types';
import type { TaskKind, TaskStatus } from './mail-types';
import type { DocumentType, ReturnState } from './doc-types';

/** How the window read the text: the renderer words it («Дистрибутив», «Телефон», …). */
export type LookupInputKind = 'empty' | 'distr' | 'email' | 'phone' | 'inn' | 'text' | 'chosen';

/** One row of the short list when the text names several clients or persons: pick it and call again with its ids. */
export interface LookupCandidate {
  clientId: number;
  /** The person that matched in that client, when one did. */
  contactId: number | null;
  name: string;
  inn: string | null;
  city: string | null;
  status: ClientStatus;
  isKey: boolean;
  matched: SearchMatch | null;
  contactName: string | null;
}

export interface OperatorClient {
  id: number;
  name: string;
  inn: string | null;
  city: string | null;
  status: ClientStatus;
  isKey: boolean;
  keyResponsible: EmployeeRef | null;
  sio: EmployeeRef | null;
  pm: EmployeeRef | null;
  comment: string | null;
  phones: string[];
  emails: string[];
}

export interface OperatorContact {
  id: number;
  fullName: string;
  position: string | null;
  note: string | null;
  active: boolean;
  roles: ContactRole[];
  phones: string[];
  emails: string[];
  characteristics: ContactCharacteristic[];
  /** What tied the text to this person. */
  matchedBy: 'chosen' | 'email' | 'phone' | 'fio' | 'only';
}

export interface OperatorDistribution {
  id: number;
  /** List form `SKJP_000123_02`. */
  code: string;
  /** The КЦ's number form `1_000123_02`, when the catalogue numbers the system. */
  numberForm: string | null;
  systemName: string | null;
  state: string;
  scheme: Scheme | null;
  chatOn: boolean;
  /** The day the current chat state took effect (null when only the old plain flag is known). */
  chatSince: string | null;
  /** Date of the last information-bank update from USR files; null: no USR data. */
  lastUsrUpdate: string | null;
  /** The kit the text named. */
  matched: boolean;
}

export interface OperatorTask {
  id: number;
  kind: TaskKind;
  status: TaskStatus;
  deadline: string;
  overdue: boolean;
  assignee: EmployeeRef | null;
  /** Whether the caller may open the task; its text only then. */
  visible: boolean;
  /** The request's text (question, comment) for a visible task; null otherwise. */
  text: string | null;
}

export interface OperatorOwedDocument {
  id: number;
  type: DocumentType;
  number: string;
  date: string;
  plannedReturn: string | null;
  returnState: ReturnState;
  daysOverdue: number;
}

export interface OperatorChat {
  id: number;
  startAt: string;
  durationSec: number | null;
  fio: string | null;
  /** The operator who answered: the mapped employee, else the export's name. */
  operator: string | null;
  /** The first words of the dialog. */
  excerpt: string | null;
  /** Of this person (the matched contact), not only of the client. */
  person: boolean;
}

export interface OperatorQuestion {
  /** `task`: a question task (from mail); `export`: a «Задать вопрос» export record without a task. */
  source: 'task' | 'export';
  id: number;
  at: string;
  fio: string | null;
  /** The question, when the caller may see it. */
  text: string | null;
  status: TaskStatus | null;
  person: boolean;
}

export interface ChatLookup {
  input: LookupInputKind;
  /** A number form whose system number the catalogue does not know (said, never guessed). */
  unknownSystemNumber: number | null;
  /** Several matches and none chosen: the short list; the rest of the answer is empty. */
  candidates: LookupCandidate[];
  /** More candidates than listed. */
  limited: boolean;
  client: OperatorClient | null;
  contact: OperatorContact | null;
  /** Other persons of the client the text also matched, to switch to. */
  otherContacts: { id: number; fullName: string }[];
  distributions: OperatorDistribution[];
  /** Newest USR update over the client's kits; null: no USR data. */
  lastUsrUpdate: string | null;
  tasks: OperatorTask[];
  owed: { count: number; overdue: number; items: OperatorOwedDocument[] };
  chats: OperatorChat[];
  questions: OperatorQuestion[];
}
