// Review of a staged ГЛ call list: map the columns, see how every call matched a client, match rows by hand or leave them out, then apply all at once.
import { Alert, Anchor, Badge, Button, Checkbox, Group, Pagination, Select, Stack, Table, Text, Title } from '@mantine/core';
import { NSS_CALL_FIELDS, NSS_CALL_ROW_STATES, type NssCallMapping, type NssCallReviewRow, type NssCallRowState } from '../../../src-shared/nss-calls';
import { formatDate } from '../../../src-shared/format';
import { call } from '../../api/transport';
import { navigate } from '../../app/router';
import { REVIEW_PAGE, useStagedReview, type StagedDecisions } from './useStagedReview';
import { ClientPicker } from '../../components/ClientPicker';
import { MappingEditor } from './MappingEditor';
import { CALL_FIELD_TEXT, CALL_MAPPING_ERROR_TEXT, CALL_MATCH_BY_TEXT, CALL_STATE_TEXT, DURATION_UNIT_TEXT, callProblemText, durationText } from './nssCallsTexts';


function RowDecision({ r, left, onMatch, onSkip }: { r: NssCallReviewRow; left: boolean; onMatch: (clientId: number | null) => void; onSkip: (skip: boolean) => void }) {
  const open = !r.skipped && (r.state === 'ambiguous' || r.state === 'unmatched');
  return (
    <Group gap={6}>
      {open && r.state === 'ambiguous' && (
        <Select size="xs" w={220} placeholder="Выберите клиента" data={r.candidates.map((c) => ({ value: String(c.id), label: c.name }))} onChange={(v) => v && onMatch(Number(v))} data-testid="calls-row-candidates" />
      )}
      {open && <ClientPicker size="xs" w={220} label="" placeholder="Найти клиента…" value={null} onChange={(c) => c && onMatch(c.id)} testId="calls-row-picker" />}
      {r.by === 'hand' && !r.skipped && (
        <Button size="compact-xs" variant="subtle" onClick={() => onMatch(null)}>
          Отменить выбор
        </Button>
      )}
      <Checkbox size="xs" label="Не загружать" checked={left} onChange={(e) => onSkip(e.currentTarget.checked)} data-testid="calls-row-skip" />
    </Group>
  );
}

function ClientCell({ r }: { r: NssCallReviewRow }) {
  return (
    <Stack gap={0}>
      {r.client ? (
        <>
          <Anchor size="sm" href={`#/clients/${r.client.id}`} target="_blank">
            {r.client.name}
          </Anchor>
          {r.by && (
            <Text size="xs" c="dimmed">
              {CALL_MATCH_BY_TEXT[r.by]}
            </Text>
          )}
        </>
      ) : r.state === 'ambiguous' ? (
        <Text size="sm">подходят: {r.candidates.length}</Text>
      ) : (
        r.state !== 'invalid' && <Text size="sm" c="dimmed">—</Text>
      )}
      {r.state === 'duplicate' && (
        <Text size="xs" c="dimmed" data-testid="calls-row-duplicate">
          {r.otherRow != null ? `тот же звонок в строке ${r.otherRow}` : 'этот звонок уже записан'} — не будет записан ещё раз
        </Text>
      )}
      {r.state === 'invalid' && (
        <Text size="xs" c="red">
          {callProblemText(r.problem)}
        </Text>
      )}
    </Stack>
  );
}

function EmployeeCell({ r }: { r: NssCallReviewRow }) {
  if (!r.values.employee) return <Text size="sm" c="dimmed">—</Text>;
  if (r.employee) return <Text size="sm">{r.employee.name}</Text>;
  return (
    <Stack gap={0}>
      <Text size="sm">{r.values.employee}</Text>
      <Text size="xs" c="orange">
        не сотрудник — имя будет в комментарии
      </Text>
    </Stack>
  );
}

export function NssCallsReviewScreen({ stageId }: { stageId: number }) {
  const { review, error, mapping, setMapping, skip, state, setState, page, setPage, busy, staged, blocking, canApply, match, leaveOut, apply, discard } = useStagedReview<NssCallMapping, NssCallRowState, Awaited<ReturnType<typeof fetchPage>>>(
    stageId,
    fetchPage,
    (res) => `Звонки загружены: записано ${res.added}, не записано ${res.skipped}`,
  );
  function fetchPage(q: { decisions: StagedDecisions<NssCallMapping>; state: NssCallRowState | undefined; offset: number; limit: number }) {
    return call('nss.calls.review', { stageId, ...q });
  }

  if (error && !review) return <Alert color="red">{error}</Alert>;
  if (!review) return <Text c="dimmed">Загрузка…</Text>;
  const pages = Math.max(1, Math.ceil((state ? review.counts[state] : review.total) / REVIEW_PAGE));
  return (
    <Stack gap="sm" data-testid="calls-review" data-stage-state={review.stageState}>
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={3}>Звонки горячей линии: {review.fileName}</Title>
          <Text size="sm" c="dimmed">
            Строк {review.total}. Ничего не записано, пока вы не нажмёте «Загрузить список».
          </Text>
        </Stack>
        <Group gap="xs">
          <Button variant="default" onClick={() => navigate('/imports')}>
            К импорту
          </Button>
          {staged && (
            <>
              <Button variant="default" color="red" onClick={discard} data-testid="calls-discard">
                Отложить
              </Button>
              <Button onClick={() => void apply()} disabled={!canApply} loading={busy} data-testid="calls-apply" title="Ctrl+Enter">
                Загрузить список
              </Button>
            </>
          )}
        </Group>
      </Group>
      {!staged && <Alert color="gray">{review.stageState === 'applied' ? 'Этот список уже загружен.' : 'Этот список отложен.'}</Alert>}
      {error && <Alert color="red">{error}</Alert>}
      {staged && <MappingEditor headers={review.headers} source={review.mappingSource} errors={review.mappingErrors} fields={NSS_CALL_FIELDS} fieldText={CALL_FIELD_TEXT} errorText={CALL_MAPPING_ERROR_TEXT} mapping={mapping ?? review.mapping} onChange={(m) => (setMapping(m), setPage(1))} testPrefix="calls" columnsWide={4}>
          {review.durationUnit && <Text size="sm" c="dimmed">Длительность читается {DURATION_UNIT_TEXT[review.durationUnit]}.</Text>}
        </MappingEditor>}
      {staged && review.unknownEmployees > 0 && (
        <Alert color="gray" data-testid="calls-unknown-employees">
          Звонков с оператором, которого нет среди сотрудников: {review.unknownEmployees}. Они будут записаны без сотрудника, имя оператора — в комментарии.
        </Alert>
      )}
      {staged && blocking > 0 && (
        <Alert color="orange" data-testid="calls-blocking">
          Не решено строк: {blocking}. Выберите клиента или отметьте «Не загружать» — звонки загружаются только все сразу.
        </Alert>
      )}
      <Group gap={6} data-testid="calls-states">
        <Button size="compact-sm" variant={state === null ? 'filled' : 'default'} onClick={() => (setState(null), setPage(1))}>
          Все: {review.total}
        </Button>
        {NSS_CALL_ROW_STATES.map((s) => (
          <Button key={s} size="compact-sm" variant={state === s ? 'filled' : 'default'} color={CALL_STATE_TEXT[s].color} onClick={() => (setState(s), setPage(1))} disabled={review.counts[s] === 0} data-testid={`calls-state-${s}`}>
            {CALL_STATE_TEXT[s].label}: {review.counts[s]}
          </Button>
        ))}
        {review.skippedCount > 0 && (
          <Badge variant="light" color="gray" tt="none">
            Не загружать: {review.skippedCount}
          </Badge>
        )}
      </Group>
      <Table striped data-testid="calls-rows">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Строка</Table.Th>
            <Table.Th>Когда</Table.Th>
            <Table.Th>Телефон / дистрибутив</Table.Th>
            <Table.Th>Оператор</Table.Th>
            <Table.Th>Длительность</Table.Th>
            <Table.Th>Состояние</Table.Th>
            <Table.Th>Клиент</Table.Th>
            {staged && <Table.Th>Решение</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {review.rows.map((r) => (
            <Table.Tr key={r.row} data-row={r.row} data-state={r.state} data-skipped={r.skipped || undefined}>
              <Table.Td>{r.row}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.values.date ? `${formatDate(r.values.date)} ${r.values.time?.slice(0, 5) ?? ''}` : '—'}</Table.Td>
              <Table.Td>{[r.values.phone, r.values.kit].filter(Boolean).join(' / ') || '—'}</Table.Td>
              <Table.Td>
                <EmployeeCell r={r} />
              </Table.Td>
              <Table.Td>{durationText(r.values.durationSec)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Badge variant="light" style={{ minWidth: 'max-content' }} color={r.skipped ? 'gray' : CALL_STATE_TEXT[r.state].color} tt="none">
                  {r.skipped ? 'Не загружать' : CALL_STATE_TEXT[r.state].label}
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
