// Review of a staged certified list: map the columns, see how every row matched, match rows by hand or leave them out, then apply all at once.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, Pagination, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { GB_LIST_FIELDS, GB_ROW_STATES, type GbListDecisions, type GbListReview, type GbMapping, type GbReviewRow, type GbRowState } from '../../../src-shared/glavbukh';
import { formatDate } from '../../../src-shared/format';
import { ApiCallError, call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { navigate } from '../../app/router';
import { useLeaveGuard } from '../../app/leaveGuard';
import { ClientPicker } from '../../components/ClientPicker';
import { FIELD_TEXT, MAPPING_ERROR_TEXT, MATCH_BY_TEXT, ROW_STATE_TEXT, rowProblemText } from './gbListTexts';

const PAGE = 100;
/** States that keep the list from being applied unless the row is matched by hand or left out. */
const BLOCKING: GbRowState[] = ['ambiguous', 'unmatched', 'duplicate', 'invalid'];

function MappingEditor({ review, mapping, onChange }: { review: GbListReview; mapping: GbMapping; onChange: (m: GbMapping) => void }) {
  const columns = [{ value: '', label: '— нет —' }, ...review.headers.map((h, i) => ({ value: String(i), label: h.trim() ? h : `Столбец ${i + 1}` }))];
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={500}>Столбцы списка</Text>
          <Text size="sm" c="dimmed" data-testid="gb-mapping-source">
            {review.mappingSource === 'remembered' ? 'Сопоставление запомнено для списков с такими заголовками' : review.mappingSource === 'guessed' ? 'Угадано по заголовкам — проверьте' : 'Сопоставление изменено вами'}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 2, md: 5 }} spacing="xs">
          {GB_LIST_FIELDS.map((f) => (
            <Select
              key={f}
              size="xs"
              label={FIELD_TEXT[f]}
              data={columns}
              value={mapping[f] != null ? String(mapping[f]) : ''}
              allowDeselect={false}
              data-testid={`gb-map-${f}`}
              onChange={(v) => {
                const next = { ...mapping };
                if (v == null || v === '') delete next[f];
                else next[f] = Number(v);
                onChange(next);
              }}
            />
          ))}
        </SimpleGrid>
        {review.mappingErrors.map((e) => (
          <Text key={e} size="sm" c="red">
            {MAPPING_ERROR_TEXT[e] ?? e}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

function RowDecision({ r, left, onMatch, onSkip }: { r: GbReviewRow; left: boolean; onMatch: (clientId: number | null) => void; onSkip: (skip: boolean) => void }) {
  const open = !r.skipped && BLOCKING.includes(r.state) && r.state !== 'invalid';
  return (
    <Group gap={6}>
      {open && r.state === 'ambiguous' && (
        <Select
          size="xs"
          w={220}
          placeholder="Выберите клиента"
          data={r.candidates.map((c) => ({ value: String(c.id), label: `${c.name}${c.inn ? ` (ИНН ${c.inn}${c.kpp ? `/${c.kpp}` : ''})` : ''}` }))}
          onChange={(v) => v && onMatch(Number(v))}
          data-testid="gb-row-candidates"
        />
      )}
      {open && r.state !== 'ambiguous' && (
        <ClientPicker size="xs" w={220} label="" placeholder="Найти клиента…" showInn value={null} onChange={(c) => c && onMatch(c.id)} testId="gb-row-picker" />
      )}
      {open && r.state === 'duplicate' && r.holder && (
        <Button size="compact-xs" variant="default" onClick={() => onMatch(r.holder!.id)} data-testid="gb-row-to-holder" title={`Записать сертификат клиенту ${r.holder.name}`}>
          Владельцу номера
        </Button>
      )}
      {r.by === 'hand' && !r.skipped && (
        <Button size="compact-xs" variant="subtle" onClick={() => onMatch(null)}>
          Отменить выбор
        </Button>
      )}
      {/* The person's own choice shows at once, before the review comes back. */}
      <Checkbox size="xs" label="Не загружать" checked={left} onChange={(e) => onSkip(e.currentTarget.checked)} data-testid="gb-row-skip" />
    </Group>
  );
}

function ClientLink({ c }: { c: { id: number; name: string } }) {
  return (
    <Anchor size="sm" href={`#/clients/${c.id}`} target="_blank">
      {c.name}
    </Anchor>
  );
}

function ClientCell({ r }: { r: GbReviewRow }) {
  return (
    <Stack gap={0}>
      {r.client ? (
        <>
          <ClientLink c={r.client} />
          {r.by && (
            <Text size="xs" c="dimmed">
              {MATCH_BY_TEXT[r.by]}
            </Text>
          )}
        </>
      ) : r.state === 'ambiguous' ? (
        <Text size="sm">подходят: {r.candidates.length}</Text>
      ) : (
        r.state !== 'duplicate' && r.state !== 'invalid' && <Text size="sm" c="dimmed">—</Text>
      )}
      {r.state === 'duplicate' && (
        <Text size="xs" c="red" data-testid="gb-row-holder">
          {r.holder ? (
            <>
              номер уже у клиента <ClientLink c={r.holder} />
            </>
          ) : (
            `тот же номер в строке ${r.otherRow}`
          )}
        </Text>
      )}
      {r.state === 'invalid' && (
        <Text size="xs" c="red">
          {rowProblemText(r.problem)}
        </Text>
      )}
    </Stack>
  );
}

export function GbListReviewScreen({ stageId }: { stageId: number }) {
  const [review, setReview] = useState<GbListReview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<GbMapping | null>(null);
  const [matches, setMatches] = useState<Map<number, number>>(new Map());
  const [skip, setSkip] = useState<Set<number>>(new Set());
  const [state, setState] = useState<GbRowState | null>(null);
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);

  const decisions = useMemo<Partial<GbListDecisions>>(
    () => ({ ...(mapping ? { mapping } : {}), matches: [...matches].map(([row, clientId]) => ({ row, clientId })), skip: [...skip] }),
    [mapping, matches, skip],
  );
  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const r = await call('glavbukh.list.review', { stageId, decisions, state: state ?? undefined, offset: (page - 1) * PAGE, limit: PAGE });
      if (mine !== seq.current) return;
      setReview(r);
      setError(null);
    } catch (err) {
      if (mine === seq.current) setError(errorText(err));
    }
  }, [stageId, decisions, state, page]);
  useEffect(() => {
    void load();
  }, [load]);

  const staged = review?.stageState === 'staged';
  const touched = mapping !== null || matches.size > 0 || skip.size > 0;
  const guard = useLeaveGuard(staged && touched);
  const blocking = review?.open ?? 0;
  const canApply = !!review && staged && review.mappingErrors.length === 0 && blocking === 0 && review.total > review.skippedCount;

  function match(row: number, clientId: number | null) {
    setMatches((m) => {
      const next = new Map(m);
      if (clientId == null) next.delete(row);
      else next.set(row, clientId);
      return next;
    });
  }
  function leaveOut(row: number, on: boolean) {
    setSkip((s) => {
      const next = new Set(s);
      if (on) next.add(row);
      else next.delete(row);
      return next;
    });
  }

  async function apply() {
    if (!review || !canApply) return;
    setBusy(true);
    guard.saving = true;
    try {
      const res = await call('imports.stage.apply', { id: stageId, decisions: { ...decisions, mapping: mapping ?? review.mapping } });
      notifications.show({ color: 'green', message: `Список загружен: записано ${res.added}, без изменений ${res.skipped}` });
      navigate('/imports', { replace: true });
    } catch (err) {
      const rows = err instanceof ApiCallError ? (err.error.issues ?? []).filter((i) => i.path.startsWith('rows.')).length : 0;
      notifications.show({ color: 'red', message: rows ? `Список не загружен: не решено строк — ${rows}. Ничего не записано` : errorText(err) });
      void load();
    } finally {
      guard.saving = false;
      setBusy(false);
    }
  }
  function discard() {
    modals.openConfirmModal({
      title: 'Отложить список?',
      children: <Text size="sm">Из списка ничего не будет записано. Его можно будет загрузить ещё раз.</Text>,
      labels: { confirm: 'Отложить', cancel: 'Отмена' },
      onConfirm: () => {
        call('imports.stage.discard', { id: stageId })
          .then(() => navigate('/imports', { replace: true }))
          .catch((err: unknown) => notifications.show({ color: 'red', message: errorText(err) }));
      },
    });
  }
  useHotkeys([['mod+Enter', () => void apply()]]);

  if (error && !review) return <Alert color="red">{error}</Alert>;
  if (!review) return <Text c="dimmed">Загрузка…</Text>;
  const pages = Math.max(1, Math.ceil((state ? review.counts[state] : review.total) / PAGE));
  return (
    <Stack gap="sm" data-testid="gb-review" data-stage-state={review.stageState}>
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={3}>Список сертифицированных: {review.fileName}</Title>
          <Text size="sm" c="dimmed">
            Программа {review.programme}, строк {review.total}. Ничего не записано, пока вы не нажмёте «Загрузить список».
          </Text>
        </Stack>
        <Group gap="xs">
          <Button variant="default" onClick={() => navigate('/imports')}>
            К импорту
          </Button>
          {staged && (
            <>
              <Button variant="default" color="red" onClick={discard} data-testid="gb-discard">
                Отложить
              </Button>
              <Button onClick={() => void apply()} disabled={!canApply} loading={busy} data-testid="gb-apply" title="Ctrl+Enter">
                Загрузить список
              </Button>
            </>
          )}
        </Group>
      </Group>
      {!staged && <Alert color="gray">{review.stageState === 'applied' ? 'Этот список уже загружен.' : 'Этот список отложен.'}</Alert>}
      {error && <Alert color="red">{error}</Alert>}
      {staged && <MappingEditor review={review} mapping={mapping ?? review.mapping} onChange={(m) => (setMapping(m), setPage(1))} />}
      {staged && blocking > 0 && (
        <Alert color="orange" data-testid="gb-blocking">
          Не решено строк: {blocking}. Выберите клиента или отметьте «Не загружать» — список загружается только целиком.
        </Alert>
      )}
      <Group gap={6} data-testid="gb-states">
        <Button size="compact-sm" variant={state === null ? 'filled' : 'default'} onClick={() => (setState(null), setPage(1))}>
          Все: {review.total}
        </Button>
        {GB_ROW_STATES.map((s) => (
          <Button key={s} size="compact-sm" variant={state === s ? 'filled' : 'default'} color={ROW_STATE_TEXT[s].color} onClick={() => (setState(s), setPage(1))} disabled={review.counts[s] === 0} data-testid={`gb-state-${s}`}>
            {ROW_STATE_TEXT[s].label}: {review.counts[s]}
          </Button>
        ))}
        {review.skippedCount > 0 && (
          <Badge variant="light" color="gray" tt="none">
            Не загружать: {review.skippedCount}
          </Badge>
        )}
      </Group>
      <Table striped data-testid="gb-rows">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Строка</Table.Th>
            <Table.Th>Номер</Table.Th>
            <Table.Th>ИНН / КПП</Table.Th>
            <Table.Th>Наименование в списке</Table.Th>
            <Table.Th>Действителен до</Table.Th>
            <Table.Th>Состояние</Table.Th>
            <Table.Th>Клиент</Table.Th>
            {staged && <Table.Th>Решение</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {review.rows.map((r) => (
            <Table.Tr key={r.row} data-row={r.row} data-state={r.state} data-skipped={r.skipped || undefined}>
              <Table.Td>{r.row}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.values.number ?? '—'}</Table.Td>
              <Table.Td>{[r.values.inn, r.values.kpp].filter(Boolean).join(' / ') || '—'}</Table.Td>
              <Table.Td>{r.values.name ?? (r.values.distr ? `дистрибутив ${r.values.distr}` : '—')}</Table.Td>
              <Table.Td>{r.values.validUntil ? formatDate(r.values.validUntil) : '—'}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Badge variant="light" style={{ minWidth: 'max-content' }} color={r.skipped ? 'gray' : ROW_STATE_TEXT[r.state].color} tt="none">
                  {r.skipped ? 'Не загружать' : ROW_STATE_TEXT[r.state].label}
                </Badge>
              </Table.Td>
              <Table.Td>
                <ClientCell r={r} />
              </Table.Td>
              {staged && (
                <Table.Td>
                  <RowDecision r={r} left={skip.has(r.row)} onMatch={(id) => match(r.row, id)} onSkip={(on) => leaveOut(r.row, on)} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} />}
    </Stack>
  );
}
