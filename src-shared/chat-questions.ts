// Shared types of imported «Задать вопрос» questions, as the list API returns them.

/** Problems an imported question is kept with: its system number is not in the catalogue, its kit is no client's, a field was cut. */
export type ChatQuestionFlag = 'unknown_system_number' | 'unknown_kit' | 'text_truncated' | 'fio_truncated' | 'email_truncated' | 'phone_truncated' | (string & {});

export interface ChatQuestionRow {
  id: number;
  /** UTC ISO instant; `askedOn` is its Moscow date. */
  askedAt: string;
  askedOn: string;
  /** The kit as the export names it (system number), and its list form when the catalogue knows the system. */
  kit: { systemNumber: number; distrNumber: number; comp: number; code: string | null };
  fio: string | null;
  email: string | null;
  phone: string | null;
  /** The question, cut to TEXT_IN_LIST characters (`textCut` says so). */
  text: string;
  textCut: boolean;
  client: { id: number; name: string } | null;
  contact: { id: number; fullName: string } | null;
  /** The task of the same question that came by e-mail, or the one made on import. */
  task: { id: number; status: string } | null;
  flags: ChatQuestionFlag[];
  importedAt: string;
  /** The file it came from, as first named. */
  fileName: string | null;
}

export const TEXT_IN_LIST = 2000;

export interface ChatQuestionList {
  items: ChatQuestionRow[];
  total: number;
}
