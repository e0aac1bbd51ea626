// Russian words and formats of the «USR-файлы» screen: file statuses, a file's own wall time.
import type { UsrFileStatus } from '../../../src-shared/usr';
import { formatDate } from '../../../src-shared/format';

export const USR_STATUS_TEXT: Record<UsrFileStatus, { label: string; color: string }> = {
  stored: { label: 'Сохранён', color: 'green' },
  unknown_kit: { label: 'Комплект не найден', color: 'orange' },
};

/** `YYYY-MM-DDTHH:MM:SS` as the installation wrote it (its own wall time, no zone) → 20.11.2026 10:15; a bare date → 20.11.2026. */
export function fileAtText(v: string | null): string {
  if (!v) return '—';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(v);
  return m ? `${formatDate(m[1]!)} ${m[2]}` : formatDate(v);
}
