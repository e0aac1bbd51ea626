// The documents register and card carry the ЭДО state of a document handed to 1С, and how its return came (for the screens).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../helpers/core';
import { stmt } from '../../src-main/db/stmt';
import { queuedActs } from './exchange-helpers';

let env: TestEnv;
beforeEach(async () => {
  env = await testEnv();
});
afterEach(() => env.close());

describe('ЭДО in the documents register', () => {
  it('lists the ЭДО state (null when never handed to 1С) and returnedVia', async () => {
    const [queued, signed] = await queuedActs(env, 2);
    const c = (await env.admin('documents.get', { id: queued! })).clientId;
    const paper = await env.admin('documents.create', { type: 'act', clientId: c, date: '2026-11-20', lines: [{ name: 'Обучение', qty: 1, priceKop: 50_000 }] });
    stmt(env.core.db, "UPDATE edo_documents SET state = 'signed', signed_on = '2026-11-21' WHERE document_id = ?").run(signed!);
    stmt(env.core.db, "UPDATE documents SET returned_at = '2026-11-21', returned_via = 'edo' WHERE id = ?").run(signed!);
    const { items } = await env.admin('documents.list', { clientId: c, limit: 50, offset: 0 });
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get(queued!)).toMatchObject({ edoState: 'queued', returnedVia: null });
    expect(byId.get(signed!)).toMatchObject({ edoState: 'signed', returnedVia: 'edo', returnedAt: '2026-11-21' });
    expect(byId.get(paper.id)).toMatchObject({ edoState: null });
    expect(await env.admin('documents.get', { id: signed! })).toMatchObject({ edoState: 'signed', returnedVia: 'edo' });
  });
});
