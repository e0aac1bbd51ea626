// Generated over every contract method, through the real HTTP host: no token → 401, wrong role → 403,
// malformed input → 400 BAD_INPUT with the field path, and nothing written: the content of every table of a database
// filled with the demo data is hashed, so an UPDATE of an existing row is caught as well as a new row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type MethodName } from '../../src-shared/api';
import { ROLES, type Role } from '../../src-shared/roles';
import { handlers } from '../../src-main/api/handlers';
import { testEnv, type TestEnv } from '../helpers/core';
import { startServer, type TestServer } from './http';
import { changedTables, tableHashes, type TableHashes } from '../helpers/tables';
import { malformed, sample } from './samples';

let env: TestEnv;
let server: TestServer;
/** One employee per role holding only that role, and one holding them all. */
const roleToken = {} as Record<Role, string>;
let allRolesToken: string;

let snapshot: TableHashes;
beforeAll(async () => {
  env = await testEnv({ demo: { clients: 25 } });
  server = await startServer(env.core);
  for (const role of ROLES) roleToken[role] = (await env.employee(`only_${role}`, [role])).token;
  allRolesToken = (await env.employee('all_roles', [...ROLES])).token;
  snapshot = tableHashes(env.core.db.$client);
}, 120_000);
afterAll(async () => {
  await server?.close();
  env?.close();
});

const methods = Object.keys(api) as MethodName[];
const accessOf = (m: MethodName) => api[m].access;
const nonPublic = methods.filter((m) => accessOf(m) !== 'public');
const excluded = (m: MethodName): Role[] => {
  const access = accessOf(m);
  return access === 'public' ? [] : ROLES.filter((r) => !access.includes(r));
};
const withExcludedRoles = methods.filter((m) => excluded(m).length > 0);

/**
 * Runs `fn` and reports every table whose content changed. Nothing in this file may write, so each case compares with
 * the state after the previous one (one hash per case).
 */
async function unchangedTables(fn: () => Promise<void>): Promise<string[]> {
  await fn();
  const after = tableHashes(env.core.db.$client);
  const changed = changedTables(snapshot, after);
  snapshot = after;
  return changed;
}

describe('the generated cases', () => {
  it('span the whole contract and every method has a handler', () => {
    expect(methods.length).toBeGreaterThan(20);
    expect(Object.keys(handlers).sort()).toEqual([...methods].sort());
    expect(nonPublic.length).toBeGreaterThan(0);
    expect(withExcludedRoles.length).toBeGreaterThan(0);
  });

  it.each(methods)('build a valid sample input for %s', (m) => {
    // The 403 cases send a valid input, and every malformed case breaks exactly one field of it.
    const r = api[m].input.safeParse(sample(api[m].input));
    expect(r.success, `extend PRIMITIVES in test/api/samples.ts for ${m}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
  });
});

describe('authentication', () => {
  it.each(nonPublic)('%s answers 401 UNAUTHORIZED without a token or with a garbage one', async (m) => {
    const garbage = [null, 'garbage', 'x'.repeat(43), 'x'.repeat(5000), 'Bearer', '../../etc/passwd'];
    const changed = await unchangedTables(async () => {
      for (const token of garbage) {
        const r = await server.post(m, sample(api[m].input), token);
        expect(r.status, `token ${String(token).slice(0, 20)}`).toBe(401);
        expect(r.body).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      }
    });
    expect(changed).toEqual([]);
  });

  it('lets public methods through without a token', async () => {
    for (const m of methods.filter((x) => accessOf(x) === 'public')) {
      const r = await server.post(m, [], null);
      expect(r.body, m).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
  });
});

describe('roles', () => {
  it.each(withExcludedRoles)('%s answers 403 FORBIDDEN to roles outside its access list, and admits the others', async (m) => {
    const changed = await unchangedTables(async () => {
      for (const role of excluded(m)) {
        const r = await server.post(m, sample(api[m].input), roleToken[role]);
        expect(r.status, role).toBe(403);
        expect(r.body, role).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
      // An allowed role passes the role check and stops at input validation (no side effects).
      for (const role of ROLES.filter((r) => !excluded(m).includes(r))) {
        const r = await server.post(m, [], roleToken[role]);
        expect(r.body, role).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      }
    });
    expect(changed).toEqual([]);
  });
});

describe('malformed input', () => {
  it.each(methods)('%s answers 400 BAD_INPUT with the field path and writes nothing', async (m) => {
    const token = accessOf(m) === 'public' ? null : allRolesToken;
    const cases = malformed(api[m].input);
    expect(cases.length).toBeGreaterThanOrEqual(3);
    const failures: string[] = [];
    for (const c of cases) {
      const changed = await unchangedTables(async () => {
        const r = await server.post(m, c.input, token);
        const issues = r.body.ok ? [] : (r.body.error.issues ?? []);
        const pointed = issues.some((i) => i.path === c.path || (c.path !== '' && i.path.startsWith(`${c.path}.`)));
        if (r.status !== 400 || r.body.ok || r.body.error.code !== 'BAD_INPUT' || !pointed) {
          failures.push(`${c.label}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        }
      });
      if (changed.length) failures.push(`${c.label}: rows written ${changed.join(', ')}`);
    }
    expect(failures).toEqual([]);
  });
});
