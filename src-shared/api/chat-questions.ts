// Contract: imported «Задать вопрос» questions, listed by period, client and whether they joined a task — for heads and administrators.
import { z } from 'zod';
import { method } from './define';
import { MANAGERS } from '../roles';
import { id, isoDate } from './common';
import type { ChatQuestionList } from '../chat-questions';

export const chatQuestionsListInput = z
  .object({
    /** Moscow days the questions were asked on, inclusive (the export's calendar). */
    from: isoDate,
    to: isoDate,
    clientId: id.optional(),
    /** Only questions with no task (no e-mailed twin, none made on import). */
    unlinked: z.boolean().default(false),
    /** Only questions whose kit is no client's (unknown kit or unknown system number). */
    withoutClient: z.boolean().default(false),
    limit: z.number().int().min(1).max(1000).default(200),
    offset: z.number().int().min(0).max(10_000_000).default(0),
  })
  .refine((v) => v.from <= v.to, { path: ['to'], message: 'date_order' });

export const chatQuestionsApi = {
  /** Imported questions newest first, with the client, contact and task each joined to; `total` counts all that match. */
  'chat.questions.list': method<ChatQuestionList>()({ input: chatQuestionsListInput, access: MANAGERS, write: false }),
};
