// Review of a staged certified list: map the columns, see how every row matched, match rows by hand or leave them out, then apply all at once.
import { Alert, Anchor, Badge, Button, Checkbox, Group, Pagination, Select, Stack, Table, Text, Title } from '@mantine/core';
import { GB_LIST_FIELDS, GB_ROW_STATES, type GbMapping, type GbReviewRow, type GbRowState } from '../../../src-shared/glavbukh';
import { formatDate } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { navigate } from '../../app/router';
import { REVIEW_PAGE, useStagedReview, type StagedDecisions } from './useStagedReview';
import { ClientPicker } from '../../components/ClientPicker';
import { MappingEditor } from './MappingEditor';
import { FIELD_TEXT, MAPPING_ERROR_TEXT, MATCH_BY_TEXT, ROW_STATE_TEXT, rowProblemText } from './gbListTexts';

/** States that keep the list from being applied unless the row is matched by hand or left out. */
const BLOCKING: GbRowState[] = ['ambiguous', 'unmatched', 'duplicate', 'invalid'];

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
  const { review, error, mapping, setMapping, skip, state, setState, page, setPage, busy, staged, blocking, canApply, match, leaveOut, apply, discard } = useStagedReview<GbMapping, GbRowState, Awaited<ReturnType<typeof fetchPage>>>(
    stageId,
    fetchPage,
    (res) => `Список загружен: записано ${res.added}, без изменений ${res.skipped}`,
  );
  function fetchPage(q: { decisions: StagedDecisions<GbMapping>; state: GbRowState | undefined; offset: number; limit: number }) {
    return call('glavbukh.list.review', { stageId, ...q });
  }

  if (error && !review) return <Alert color="red">{error}</Alert>;
  if (!review) return <Text c="dimmed">Загрузка…</Text>;
  const pages = Math.max(1, Math.ceil((state ? review.counts[state] : review.total) / REVIEW_PAGE));
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
      {staged && <MappingEditor headers={review.headers} source={review.mappingSource} errors={review.mappingErrors} fields={GB_LIST_FIELDS} fieldText={FIELD_TEXT} errorText={MAPPING_ERROR_TEXT} mapping={mapping ?? review.mapping} onChange={(m) => (setMapping(m), setPage(1))} testPrefix="gb" />}
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
