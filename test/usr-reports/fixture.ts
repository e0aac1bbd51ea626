// Test helper: the seeded scene the USR report tests share, with the expectations worked out by hand in usr-queries.test.ts.
import type { Db } from '../../src-main/db/connection';
import { addClient, addDistribution, addEmployee, addUsrFile } from './seed';

export function seedScene(db: Db) {
  const ivanov = addEmployee(db, 'ivanov', 'Иванов Иван');
  const petrov = addEmployee(db, 'petrov', 'Петров Пётр');
  const alfa = addClient(db, { name: 'Альфа', inn: '7701000001', sioId: ivanov, isKey: true });
  const beta = addClient(db, { name: 'Бета', inn: '7701000002', sioId: petrov });
  const gamma = addClient(db, { name: 'Гамма', inn: '7701000003' });
  const d1 = addDistribution(db, { clientId: alfa, code: 'SKJP', distr: 1001, schemes: [['2025-01-01', 'standard'], ['2026-03-15', 'nss']] });
  const d2 = addDistribution(db, { clientId: beta, code: 'BUHS', distr: 2002, schemes: [['2025-01-01', 'standard']] });
  const d3 = addDistribution(db, { clientId: beta, code: 'SKJP', distr: 2003, state: 'closed', schemes: [['2025-01-01', 'standard']] });
  const d4 = addDistribution(db, { clientId: beta, code: 'SKUP', distr: 2004 });
  const d5 = addDistribution(db, { clientId: beta, code: 'SKJP', distr: 2005, schemes: [['2025-01-01', 'standard']] });
  const d6 = addDistribution(db, { clientId: gamma, code: 'SKJP', distr: 3006, schemes: [['2026-01-01', 'nss']] });
  const k1 = { code: 'SKJP', number: 1, distr: 1001 };
  const f1 = addUsrFile(db, { kits: [k1], banks: [{ code: 'LAW', updates: ['2026-02-03', '2026-02-10', '2026-03-31'] }, { code: 'FED', updates: ['2026-02-10', '2026-03-02'] }], fileDate: '2026-03-31' });
  const f2 = addUsrFile(db, { kits: [k1], banks: [{ code: 'LAW', updates: ['2026-03-31', '2026-04-07'] }, { code: 'FED', updates: ['2026-04-07'] }], fileDate: '2026-04-08' });
  const f3 = addUsrFile(db, { kits: [{ code: 'BUHS', number: 1, distr: 2002 }], banks: [{ code: 'LAW', updates: ['2025-12-20'] }], fileDate: '2025-12-21' });
  const f4 = addUsrFile(db, { kits: [{ code: 'SKJP', number: 1, distr: 3006 }], banks: [{ code: 'LAW', updates: ['2026-03-10'] }], fileDate: '2026-03-11', purged: true });
  return { ivanov, petrov, alfa, beta, gamma, d1, d2, d3, d4, d5, d6, f1, f2, f3, f4 };
}
