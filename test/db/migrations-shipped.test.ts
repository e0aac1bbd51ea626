// Shipped migrations are append-only: a base an earlier release migrated must upgrade by the newer files alone.
// Drizzle's migrator runs every journal entry whose `when` is later than the last one applied, so a shipped file
// edited (or its `when` regenerated) is either never applied to old bases or applied a second time and fails there.
// A migration goes into `shipped-migrations.json` with the commit that releases it (lands on main); never change a line there.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMigrationsFolder } from '../../src-main/db/connection';
import shipped from './shipped-migrations.json';

describe('shipped migrations', () => {
  it('are unchanged: same SQL, same journal time, same order; newer ones only after them', () => {
    const dir = defaultMigrationsFolder();
    const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; tag: string; when: number }[] };
    const tags = Object.keys(shipped) as (keyof typeof shipped)[];
    expect(journal.entries.slice(0, tags.length).map((e) => e.tag)).toEqual(tags);
    for (const tag of tags) {
      const entry = journal.entries.find((e) => e.tag === tag)!;
      expect(entry.when, `${tag}: journal time`).toBe(shipped[tag].when);
      expect(createHash('sha256').update(readFileSync(join(dir, `${tag}.sql`))).digest('hex'), `${tag}.sql`).toBe(shipped[tag].sha256);
    }
    const whens = journal.entries.map((e) => e.when);
    expect(whens).toEqual([...whens].sort((a, b) => a - b));
  });
});
