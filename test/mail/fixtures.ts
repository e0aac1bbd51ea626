// The project's mail fixtures (test/fixtures/mail): the files with what each must read as.
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR, type FixtureCase } from '../fixtures/mail/generate';

export type { FixtureCase };

export interface Fixture extends FixtureCase {
  raw: Buffer;
}

/** Every fixture in file order (the order the intake cases.json outcomes assume). */
export function mailFixtures(): Fixture[] {
  const cases = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'cases.json'), 'utf8')) as FixtureCase[];
  return cases.map((c) => ({ ...c, raw: fs.readFileSync(path.join(FIXTURES_DIR, c.file)) }));
}

export function mailFixture(file: string): Fixture {
  const f = mailFixtures().find((x) => x.file === file);
  if (!f) throw new Error(`no mail fixture ${file}`);
  return f;
}
