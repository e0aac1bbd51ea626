// Test helper: puts K+ systems into the catalogue (distributions take only catalogued systems), as an administrator would.
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api';

type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

/** Systems the tests use, with names; numbers are test data, not the КЦ's real numbering. */
export const TEST_SYSTEMS: Record<string, { name: string; number: number | null }> = {
  SKJP: { name: 'Юрист', number: 1 },
  BUHS: { name: 'Бухгалтер', number: 2 },
  SKRO: { name: 'Регионы', number: null },
  ROS: { name: 'Версия Проф', number: null },
};

/** Adds the codes the catalogue does not have yet (callers seed more than once per database). */
export async function addSystems(call: Call, codes: string[] = Object.keys(TEST_SYSTEMS)): Promise<void> {
  const have = new Set((await call('systems.list', {})).map((s) => s.code));
  for (const code of codes) {
    if (have.has(code)) continue;
    const s = TEST_SYSTEMS[code] ?? { name: code, number: null };
    await call('systems.save', { code, name: s.name, number: s.number });
  }
}
