// A new certification request: the programme, clients by hand or «из фильтра списка», «Проверить» with every problem and a link to fix it, «Выгрузить заявку».
import { useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Button, CloseButton, Group, Loader, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { GbSettings } from '../../../src-shared/glavbukh';
import type { GbCheckResult } from '../../../src-shared/glavbukh-requests';
import type { SavedFilter } from '../../../src-shared/lists';
import { ApiCallError, call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { navigate } from '../../app/router';
import { ClientPicker, type ClientRef } from '../../components/ClientPicker';
import { LEAVE_OUT, downloadGbRequestFile, problemText } from './gbTexts';

interface Draft {
  programme: string;
  clients: ClientRef[];
  /** A saved filter of the client list: every client it finds goes into the request. */
  filter: { name: string; query: string; filters: Record<string, unknown> } | null;
  note: string;
}

// The draft outlives a trip to a client's card through «Исправить» (and a reload of the tab).
const DRAFT_KEY = 'gb-request-draft';
const loadDraft = (): Draft => {
  try {
    const d = JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? 'null') as Draft | null;
    if (d && Array.isArray(d.clients)) return d;
  } catch {
    /* a broken draft starts afresh */
  }
  return { programme: '', clients: [], filter: null, note: '' };
};

export function NewRequestTab() {
  const [settings, setSettings] = useState<GbSettings | null>(null);
  const [filters, setFilters] = useState<SavedFilter[]>([]);
  const [draft, setDraftState] = useState<Draft>(loadDraft);
  const [result, setResult] = useState<GbCheckResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'check' | 'export' | null>(null);
  const [picker, setPicker] = useState<ClientRef | null>(null);

  const setDraft = (d: Draft) => {
    setDraftState(d);
    setResult(null);
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(d));
  };
  useEffect(() => {
    call('glavbukh.settings.get', {}).then(setSettings, setError);
    call('lists.filters.list', { list: 'clients' }).then(setFilters, () => setFilters([]));
  }, []);
  const programme = draft.programme || settings?.programmes[0]?.code || '';
  const selection = useMemo(() => {
    if (draft.filter) return { programme, fromList: { query: draft.filter.query, filters: draft.filter.filters } };
    return draft.clients.length ? { programme, clientIds: draft.clients.map((c) => c.id) } : null;
  }, [draft, programme]);

  if (error) return <Alert color="red">Настройки не загружены: {errorText(error)}</Alert>;
  if (!settings) return <Loader size="sm" />;

  const check = async () => {
    if (!selection) return;
    setBusy('check');
    try {
      setResult(await call('glavbukh.requests.check', selection as never));
    } catch (e) {
      notifications.show({ color: 'red', message: `Проверка не выполнена: ${errorText(e)}` });
    } finally {
      setBusy(null);
    }
  };

  const exportRequest = async () => {
    if (!selection) return;
    setBusy('export');
    try {
      const r = await call('glavbukh.requests.export', { ...(selection as object), note: draft.note } as never);
      sessionStorage.removeItem(DRAFT_KEY);
      setDraftState({ programme, clients: [], filter: null, note: '' });
      setResult(null);
      notifications.show({ color: 'green', message: `Заявка № ${r.id} выгружена: ${r.clientCount} клиент(ов)` });
      await downloadGbRequestFile(r.id, r.fileName).catch(() => undefined);
      navigate('/glavbukh/archive');
    } catch (e) {
      // The server found problems the screen had not seen (someone edited a client meanwhile): check again to show them.
      if (e instanceof ApiCallError && e.error.code === 'BAD_INPUT' && e.error.issues?.some((i) => i.path.startsWith('clients.'))) {
        notifications.show({ color: 'red', message: 'Заявка не выгружена: у клиентов есть ошибки' });
        await check();
      } else notifications.show({ color: 'red', message: `Заявка не выгружена: ${errorText(e)}` });
    } finally {
      setBusy(null);
    }
  };

  const remove = (id: number) => setDraft({ ...draft, clients: draft.clients.filter((c) => c.id !== id) });
  const problems = result?.clients ?? [];
  const names = new Map(draft.clients.map((c) => [c.id, c.name]));

  return (
    <Stack gap="md" maw={1100}>
      <Group align="flex-end">
        <Select
          label="Программа"
          w={260}
          data={settings.programmes.map((p) => ({ value: p.code, label: p.name }))}
          value={programme}
          onChange={(v) => v && setDraft({ ...draft, programme: v })}
          allowDeselect={false}
          data-testid="gb-programme"
        />
        <ClientPicker
          label="Добавить клиента"
          value={picker}
          showInn
          w={360}
          testId="gb-add-client"
          onChange={(c) => {
            setPicker(null);
            if (c && !draft.clients.some((x) => x.id === c.id)) setDraft({ ...draft, filter: null, clients: [...draft.clients, c] });
          }}
        />
        <Select
          label="Из фильтра списка"
          placeholder={filters.length ? 'Мои фильтры клиентов' : 'Нет сохранённых фильтров'}
          w={260}
          data={filters.map((f) => ({ value: String(f.id), label: f.name }))}
          value={null}
          disabled={!filters.length}
          onChange={(v) => {
            const f = filters.find((x) => String(x.id) === v);
            if (!f) return;
            const { query, ...rest } = f.filters;
            setDraft({ ...draft, clients: [], filter: { name: f.name, query: typeof query === 'string' ? query : '', filters: rest } });
          }}
          data-testid="gb-from-filter"
        />
      </Group>

      {draft.filter ? (
        <Group gap="xs">
          <Text>
            Все клиенты фильтра «{draft.filter.name}»{result ? `: ${result.total}` : ''}
          </Text>
          <CloseButton aria-label="Убрать фильтр" onClick={() => setDraft({ ...draft, filter: null })} />
        </Group>
      ) : draft.clients.length === 0 ? (
        <Text c="dimmed">Добавьте клиентов поиском или выберите сохранённый фильтр списка клиентов.</Text>
      ) : (
        <Text size="sm" data-testid="gb-client-count">
          Клиентов в заявке: {draft.clients.length}
        </Text>
      )}

      <TextInput label="Примечание" w={560} maxLength={500} value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.currentTarget.value })} />

      <Group>
        <Button onClick={() => void check()} loading={busy === 'check'} disabled={!selection} data-testid="gb-check">
          Проверить
        </Button>
        <Button onClick={() => void exportRequest()} loading={busy === 'export'} disabled={!selection || !result || problems.length > 0} data-testid="gb-export">
          Выгрузить заявку
        </Button>
        {result && problems.length === 0 && (
          <Badge color="green" data-testid="gb-check-ok">
            Ошибок нет: {result.total} клиент(ов) готовы к выгрузке
          </Badge>
        )}
        {result && problems.length > 0 && (
          <Badge color="red" data-testid="gb-check-failed">
            С ошибками: {problems.length} из {result.total}
          </Badge>
        )}
      </Group>

      {(problems.length > 0 || (!draft.filter && draft.clients.length > 0)) && (
        <Table striped data-testid="gb-clients">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Клиент</Table.Th>
              <Table.Th>Ошибки</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(draft.filter ? problems.map((p) => ({ id: p.clientId, name: p.name })) : draft.clients).map((c) => {
              const found = problems.find((p) => p.clientId === c.id);
              return (
                <Table.Tr key={c.id} data-testid="gb-client-row">
                  <Table.Td>{names.get(c.id) ?? c.name}</Table.Td>
                  <Table.Td>
                    {found ? (
                      <Stack gap={2}>
                        {found.problems.map((p, i) => (
                          <Group key={i} gap={6} wrap="nowrap" data-testid="gb-problem">
                            <Text size="sm" c="red">
                              {problemText(p)}
                            </Text>
                            {!LEAVE_OUT.includes(p.code) && (
                              <Anchor size="sm" href={`#/clients/${p.fix.clientId}/${p.fix.tab}`} data-testid="gb-fix">
                                Исправить
                              </Anchor>
                            )}
                          </Group>
                        ))}
                      </Stack>
                    ) : result ? (
                      <Text size="sm" c="green">
                        Ошибок нет
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{!draft.filter && <CloseButton aria-label="Убрать из заявки" onClick={() => remove(c.id)} />}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
