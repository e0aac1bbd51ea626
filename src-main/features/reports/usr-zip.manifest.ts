// «Выгрузить USR»: which files stand behind a report's rows, and the manifest (CSV, UTF-8 with BOM, `;`) that lists them.
import type { Db } from '../../db/connection';
import { stmt } from '../../db/stmt';
import { storedPath } from '../imports/store';
import { kitsByDistribution, opknRows, type OpknFilters } from './opkn.query';
import { usrOlapRows, type UsrOlapFilters } from './usr-olap.query';
import { monthEnd, proofFiles } from './usr-proof';

export type UsrZipSource = { report: 'opkn'; filters: OpknFilters } | { report: 'olap'; filters: UsrOlapFilters };

export interface ZipEntry {
  /** The name inside the archive (the file's own name, made unique). */
  entry: string;
  /** The stored bytes; null when housekeeping removed them (listed as removed). */
  path: string | null;
  size: number;
}

export interface ManifestLine {
  client: string;
  inn: string | null;
  kit: string;
  /** null: the kit has no file for the period. */
  entry: string | null;
  fileAt: string | null;
  lastUpdate: string | null;
  state: 'included' | 'purged' | 'missing' | 'none';
}

export const MANIFEST_HEADER = ['Клиент', 'ИНН', 'Комплект', 'Файл', 'Дата файла', 'Последнее обновление', 'Состояние'];
const STATE_TEXT: Record<ManifestLine['state'], string> = {
  included: 'в архиве',
  purged: 'удалён при очистке хранилища',
  missing: 'нет в хранилище',
  none: 'нет файлов за период',
};

const cell = (v: string | null) => {
  const t = v ?? '';
  return /[;"\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};
/** DD.MM.YYYY (and the time when given), as the КЦ reads dates. */
const ru = (v: string | null) => (v ? `${v.slice(8, 10)}.${v.slice(5, 7)}.${v.slice(0, 4)}${v.length > 10 ? ` ${v.slice(11, 16)}` : ''}` : '');

export function manifestCsv(lines: ManifestLine[]): Buffer {
  const out = [MANIFEST_HEADER.join(';')];
  for (const l of lines) out.push([l.client, l.inn, l.kit, l.entry, ru(l.fileAt), ru(l.lastUpdate), STATE_TEXT[l.state]].map(cell).join(';'));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(out.join('\r\n') + '\r\n', 'utf8')]);
}

/** The rows of the report (or the selected ones), the files behind each in the report's period, and the manifest. */
export function usrZipPlan(db: Db, src: UsrZipSource): { entries: ZipEntry[]; lines: ManifestLine[] } {
  const rows = src.report === 'opkn' ? opknRows(db, src.filters) : usrOlapRows(db, src.filters).rows;
  const [from, to] = src.report === 'opkn' ? [src.filters.from, src.filters.to] : [`${src.filters.fromMonth}-01`, monthEnd(src.filters.toMonth)];
  const kits = kitsByDistribution(db);
  const entries: ZipEntry[] = [];
  const lines: ManifestLine[] = [];
  const byFile = new Map<number, { entry: string; state: ManifestLine['state'] }>();
  const names = new Set<string>();
  const fileRow = 'SELECT i.sha256, i.size, f.newest_update AS newest FROM usr_files f JOIN import_files i ON i.id = f.file_id WHERE f.id = ?';
  for (const r of rows) {
    const kit = `${r.systemCode} ${r.distrNumber}${r.comp !== 1 ? `/${r.comp}` : ''}`;
    const files = proofFiles(db, (kits.get(r.distributionId) ?? []).map((k) => k.id), from, to);
    const seen = new Set<number>();
    for (const f of files) {
      if (seen.has(f.usrFileId)) continue;
      seen.add(f.usrFileId);
      const info = stmt(db, fileRow).get(f.usrFileId) as { sha256: string; size: number; newest: string | null };
      let placed = byFile.get(f.usrFileId);
      if (!placed) {
        let entry = f.name;
        if (names.has(entry.toLowerCase())) {
          const dot = entry.lastIndexOf('.');
          entry = dot > 0 ? `${entry.slice(0, dot)} (${f.usrFileId})${entry.slice(dot)}` : `${entry} (${f.usrFileId})`;
        }
        names.add(entry.toLowerCase());
        const path = f.purged ? null : storedPath(db, info.sha256);
        const state: ManifestLine['state'] = f.purged ? 'purged' : 'included';
        placed = { entry, state };
        byFile.set(f.usrFileId, placed);
        if (path) entries.push({ entry, path, size: info.size });
      }
      lines.push({ client: r.clientName, inn: r.inn, kit, entry: placed.entry, fileAt: f.fileAt, lastUpdate: info.newest, state: placed.state });
    }
    if (!files.length) lines.push({ client: r.clientName, inn: r.inn, kit, entry: null, fileAt: null, lastUpdate: 'lastUpdate' in r ? r.lastUpdate : null, state: 'none' });
  }
  return { entries, lines };
}
