// #/nss/kc: the monthly НСС report to the КЦ — choose the month, «Сформировать», rows, totals, problems, differences, «Сохранить отчёт», «Скачать»; the archive below.
import { useCallback, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { NssKcArchiveItem, NssKcPreview } from '../../../src-shared/nss';
import { ApiCallError, call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { KC_PROBLEM_TEXT, downloadNssKcFile, monthLabel, recentMonths } from './kcTexts';
import { KC_PAGE, KcRowsTable } from './KcRowsTable';
import { KcDiffTabs } from './KcDiffTabs';
import { KcArchive } from './KcArchive';

export function NssKcScreen() {
  const months = recentMonths(36);
  const [month, setMonthState] = useState(months[1]!);
  const [preview, setPreview] = useState<NssKcPreview | null>(null);
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState<'build' | 'save' | null>(null);
  const [saved, setSaved] = useState<NssKcArchiveItem | null>(null);
  const [archiveKey, setArchiveKey] = useState(0);

  const load = useCallback(async (m: string, p: number) => {
    setBusy('build');
    try {
      setPreview(await call('nss.kc.preview', { month: m, offset: (p - 1) * KC_PAGE, limit: KC_PAGE }));
      setPage(p);
    } catch (e) {
      notifications.show({ color: 'red', message: `Отчёт не сформирован: ${errorText(e)}` });
    } finally {
      setBusy(null);
    }
  }, []);

  const canSave = !!preview && preview.problemCount === 0 && preview.total > 0 && !saved && busy === null;
  const save = async () => {
    if (!canSave) return;
    setBusy('save');
    try {
      // The file saved is the one on screen: if the data changed since «Сформировать», nothing is saved.
      const r = await call('nss.kc.save', { month, fileHash: preview!.fileHash });
      setSaved(r);
      setArchiveKey((k) => k + 1);
      notifications.show({ color: 'green', message: `Отчёт за ${monthLabel(month).toLowerCase()} сохранён: ${r.rowCount} клиент(ов)` });
    } catch (e) {
      // The data changed since the preview (someone cleared an ИНН): build again to show the problems.
      if (e instanceof ApiCallError && e.error.code === 'BAD_INPUT') {
        notifications.show({ color: 'red', message: 'Отчёт не сохранён: в нём есть ошибки' });
        await load(month, 1);
      } else if (e instanceof ApiCallError && e.error.code === 'CONFLICT') {
        notifications.show({ color: 'orange', autoClose: 10_000, message: 'Отчёт не сохранён: данные изменились после формирования. Отчёт сформирован заново — проверьте его и сохраните ещё раз' });
        await load(month, 1);
      } else notifications.show({ color: 'red', message: `Отчёт не сохранён: ${errorText(e)}` });
    } finally {
      setBusy(null);
    }
  };
  useHotkeys([['mod+Enter', () => void save()]], [], true);

  const setMonth = (m: string) => {
    setMonthState(m);
    setPreview(null);
    setSaved(null);
  };

  return (
    <Stack gap="md">
      <Title order={3}>Отчёт НСС в КЦ за месяц</Title>
      <Group align="flex-end">
        <Select
          label="Месяц"
          w={200}
          data={months.map((m) => ({ value: m, label: monthLabel(m) }))}
          value={month}
          onChange={(v) => v && setMonth(v)}
          allowDeselect={false}
          data-testid="kc-month"
        />
        <Button onClick={() => void load(month, 1)} loading={busy === 'build'} data-testid="kc-build">
          Сформировать
        </Button>
        <Button onClick={() => void save()} loading={busy === 'save'} disabled={!canSave} data-testid="kc-save" title="Ctrl+Enter">
          Сохранить отчёт
        </Button>
        {saved && (
          <Button variant="light" onClick={() => void downloadNssKcFile(saved.id, saved.fileName).catch((e: unknown) => notifications.show({ color: 'red', message: `Файл не скачан: ${errorText(e)}` }))} data-testid="kc-download">
            Скачать
          </Button>
        )}
        {preview && preview.problemCount === 0 && !saved && (
          <Badge color="green" data-testid="kc-ok">
            Ошибок нет
          </Badge>
        )}
        {saved && (
          <Badge color="blue" data-testid="kc-saved">
            Сохранён: № {saved.id}
          </Badge>
        )}
      </Group>

      {preview && preview.total === 0 && <Text c="dimmed">За этот месяц нет клиентов с комплектами НСС на последний день месяца.</Text>}

      {preview && preview.problemCount > 0 && (
        <Alert color="red" title={`Ошибок: ${preview.problemCount} — исправьте их, затем сформируйте отчёт снова`} data-testid="kc-problems">
          <Stack gap={2}>
            {preview.problems.map((p, i) => (
              <Group key={i} gap={6} wrap="nowrap" data-testid="kc-problem">
                <Text size="sm">
                  {p.name ? `${p.name}: ` : ''}
                  {KC_PROBLEM_TEXT[p.code] ?? p.code}
                </Text>
                {p.clientId != null && (
                  <Anchor size="sm" href={`#/clients/${p.clientId}/${p.fixTab ?? 'general'}`} data-testid="kc-fix">
                    Исправить
                  </Anchor>
                )}
              </Group>
            ))}
          </Stack>
        </Alert>
      )}

      {preview && preview.total > 0 && (
        <>
          <Title order={5}>Отличия от прошлого месяца</Title>
          <KcDiffTabs diff={preview.diff} />
          <Title order={5}>
            Строки отчёта: {preview.total}
          </Title>
          <KcRowsTable rows={preview.rows} total={preview.total} page={page} onPage={(p) => void load(month, p)} totals={preview.totals} />
        </>
      )}

      <KcArchive key={archiveKey} />
    </Stack>
  );
}
