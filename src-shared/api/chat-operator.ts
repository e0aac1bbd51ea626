// Contract: the chat operator window — one lookup that fills it, and adding the person on the other side as a contact.
import { z } from 'zod';
import { method } from './define';
import { ANY_STAFF } from '../roles';
import { emailInput, id, optText, phoneInput, reqText } from './common';
import type { ChatLookup } from '../chat-operator';

export const chatLookupInput = z.object({
  /** What the operator pasted or typed: a kit in any spelling (code or the КЦ's number form), phone, e-mail, ИНН, ФИО or name. */
  q: z.string().max(500).default(''),
  /** A client picked from the short list; `q` then only picks the person in it. */
  clientId: id.optional(),
  contactId: id.optional(),
});
export type ChatLookupInput = z.input<typeof chatLookupInput>;

export const chatAddContactInput = z.object({
  clientId: id,
  fullName: reqText(200),
  position: optText(200),
  note: optText(2000),
  phone: phoneInput.shape.raw.optional(),
  email: emailInput.shape.email.optional(),
});
export type ChatAddContactInput = z.input<typeof chatAddContactInput>;

export const chatOperatorApi = {
  /**
   * Everything the operator window shows for one text: several matches give the short list (call again with the chosen
   * `clientId` / `contactId`); one gives the client, the person, kits with scheme and chat state, open tasks (their text
   * as task visibility allows), documents owed, the last chats and questions.
   */
  'chat.lookup': method<ChatLookup>()({ input: chatLookupInput, access: ANY_STAFF, write: false }),
  /** Adds the person of a dialog to the client's contacts (ФИО, phone, e-mail): open to chat operators, who do not edit clients. */
  'chat.addContact': method<{ id: number }>()({ input: chatAddContactInput, access: ANY_STAFF, write: true }),
};
