// Demo data for a new РИЦ to click through (placeholder until the generator lands).
import type { Db } from '../db/connection';

export async function loadDemo(db: Db): Promise<boolean> {
  const n = (db.$client.prepare('SELECT COUNT(*) AS n FROM employees').get() as { n: number }).n;
  return n === 0 && false;
}
