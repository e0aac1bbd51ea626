// Handlers of imported «Задать вопрос» questions: the list for heads and administrators. Importing this module registers the format.
import type { HandlerMap } from '../../api/handler';
import { stmt } from '../../db/stmt';
import { formatDistr } from '../../../src-shared/distr';
import { TEXT_IN_LIST, type ChatQuestionFlag, type ChatQuestionRow } from '../../../src-shared/chat-questions';
import { loadCatalog } from '../systems/systems.repo';
import './questions.formats';

function flagsOf(v: string): ChatQuestionFlag[] {
  try {
    const a = JSON.parse(v) as unknown;
    return Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export const chatQuestionsHandlers: HandlerMap<'chat.questions.list'> = {
  'chat.questions.list': (input, ctx) => {
    const where = `q.asked_on >= @from AND q.asked_on <= @to AND (@clientId IS NULL OR q.client_id = @clientId)
       AND (@unlinked = 0 OR q.task_id IS NULL) AND (@withoutClient = 0 OR q.client_id IS NULL)`;
    const params = { from: input.from, to: input.to, clientId: input.clientId ?? null, unlinked: input.unlinked ? 1 : 0, withoutClient: input.withoutClient ? 1 : 0 };
    const total = (stmt(ctx.db, `SELECT COUNT(*) AS n FROM chat_questions q WHERE ${where}`).get(params) as { n: number }).n;
    const rows = stmt(
      ctx.db,
      `SELECT q.id, q.asked_at AS askedAt, q.asked_on AS askedOn, q.system_number AS systemNumber, q.distr_number AS distrNumber, q.comp,
         q.fio, q.email, q.phone, substr(q.text, 1, ${TEXT_IN_LIST}) AS text, length(q.text) AS textLength, q.flags, q.imported_at AS importedAt,
         cl.id AS clientId, cl.name AS clientName, ct.id AS contactId, ct.full_name AS contactName, t.id AS taskId, t.status AS taskStatus, f.name AS fileName
       FROM chat_questions q LEFT JOIN clients cl ON cl.id = q.client_id LEFT JOIN contacts ct ON ct.id = q.contact_id
         LEFT JOIN tasks t ON t.id = q.task_id LEFT JOIN import_files f ON f.id = q.file_id
       WHERE ${where} ORDER BY q.asked_at DESC, q.id DESC LIMIT @limit OFFSET @offset`,
    ).all({ ...params, limit: input.limit, offset: input.offset }) as {
      id: number;
      askedAt: string;
      askedOn: string;
      systemNumber: number;
      distrNumber: number;
      comp: number;
      fio: string | null;
      email: string | null;
      phone: string | null;
      text: string;
      textLength: number;
      flags: string;
      importedAt: string;
      clientId: number | null;
      clientName: string | null;
      contactId: number | null;
      contactName: string | null;
      taskId: number | null;
      taskStatus: string | null;
      fileName: string | null;
    }[];
    const cat = loadCatalog(ctx.db);
    const items: ChatQuestionRow[] = rows.map((r) => {
      const system = cat.byNumber(r.systemNumber);
      return {
        id: r.id,
        askedAt: r.askedAt,
        askedOn: r.askedOn,
        kit: {
          systemNumber: r.systemNumber,
          distrNumber: r.distrNumber,
          comp: r.comp,
          code: system ? formatDistr({ system: system.code, number: r.distrNumber, comp: r.comp }) : null,
        },
        fio: r.fio,
        email: r.email,
        phone: r.phone,
        text: r.text,
        textCut: r.textLength > TEXT_IN_LIST,
        client: r.clientId != null ? { id: r.clientId, name: r.clientName ?? '' } : null,
        contact: r.contactId != null ? { id: r.contactId, fullName: r.contactName ?? '' } : null,
        task: r.taskId != null ? { id: r.taskId, status: r.taskStatus ?? '' } : null,
        flags: flagsOf(r.flags),
        importedAt: r.importedAt,
        fileName: r.fileName,
      };
    });
    return { items, total };
  },
};
