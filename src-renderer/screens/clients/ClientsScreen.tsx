// Client list: search as you type, persisted filters, a virtualised table, keyboard navigation and «Новый клиент».
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Button, Center, CloseButton, Group, Kbd, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { CLIENT_EDITORS, MANAGERS } from '../../../src-shared/roles';
import { errorText } from '../../api/messages';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { NewClientDialog } from '../../components/NewClientDialog';
import type { ClientColumn } from '../../../src-shared/lists';
import { ClientsFilters } from './list/ClientsFilters';
import { ClientsTable } from './list/ClientsTable';
import { hasFilters, readListView, saveListView, usePersistedFilters } from './list/listPrefs';
import { nextSort, sortClients, type SortState } from './list/sortClients';
import { useClientSearch } from './list/useClientSearch';
import { ClientListTools, usePicking } from './list/ClientListTools';
import { BulkBar } from './list/BulkBar';

/** Rows fetched at once: enough to scroll through, few enough to stay instant; beyond it the user refines. */
const LIST_LIMIT = 500;

const fmt = (n: number) => n.toLocaleString('ru-RU');

/**
 * True when focus is inside a dialog (a modal form, the command palette): page shortcuts stay out of its way.
 * Open modals trap focus, so the focused element tells; a modal still fading out no longer holds it.
 */
const inDialog = () => !!document.activeElement?.closest('[role="dialog"]');

export function ClientsScreen() {
  const { user, refs, hasRole } = useSession();
  const restored = useMemo(() => readListView(user.id), [user.id]);
  const [query, setQuery] = useState(restored.query);
  const [filters, setFilters] = usePersistedFilters(user.id);
  const [sort, setSort] = useState<SortState | null>(null);
  // The selection belongs to the answer of one query: a new query's answer starts at its first row, a refresh
  // of the same query keeps the user's row. Derived during render rather than reset in an effect, so a key
  // pressed right after the rows appear can never be undone by a late reset.
  const [selection, setSelection] = useState<{ forQuery: string; id: number | null }>({ forQuery: restored.query.trim(), id: restored.selectedId });
  const [newOpen, setNewOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const canCreate = hasRole(...CLIENT_EDITORS);
  const canBulk = hasRole(...MANAGERS);

  const search = useClientSearch(query, filters, LIST_LIMIT);
  const rows = useMemo(() => sortClients(search.result?.items ?? [], sort), [search.result, sort]);
  const selectedId = selection.forQuery === search.resultQuery ? selection.id : null;
  const found = selectedId === null ? -1 : rows.findIndex((r) => r.id === selectedId);
  const selectedIndex = found >= 0 ? found : rows.length > 0 ? 0 : -1;
  const q = query.trim();
  const picking = usePicking(rows);
  const [columns, setColumns] = useState<ClientColumn[] | undefined>(undefined);
  const stale = search.pending && search.resultQuery !== q;

  const openWhenReady = useRef(false);
  useEffect(() => {
    if (!search.result) return;
    if (openWhenReady.current && !search.pending) {
      // Enter was pressed before the answer came: open its first row, as the user expected.
      openWhenReady.current = false;
      const first = sortClients(search.result.items, sort)[0];
      if (first) navigate(`/clients/${first.id}`);
    }
  }, [search.result, search.resultQuery, search.pending, sort]);

  useEffect(() => {
    saveListView(user.id, { query, selectedId: rows[selectedIndex]?.id ?? null });
  }, [user.id, query, rows, selectedIndex]);

  const focusSearch = useCallback(() => {
    searchRef.current?.focus();
    searchRef.current?.select();
  }, []);
  const open = useCallback((index: number) => {
    const item = rows[index];
    if (item) navigate(`/clients/${item.id}`);
  }, [rows]);
  const openNew = () => {
    if (canCreate && !inDialog()) setNewOpen(true);
  };
  const clearSearch = () => {
    setQuery('');
    focusSearch();
  };

  useHotkeys([['/', () => !inDialog() && focusSearch(), { usePhysicalKeys: true }]]);
  useHotkeys(
    [
      // Physical keys: with the Russian layout Ctrl+F reports «а» as the key.
      ['mod+F', () => !inDialog() && focusSearch(), { usePhysicalKeys: true }],
      ['alt+N', openNew, { usePhysicalKeys: true }],
      ['Insert', openNew],
    ],
    [],
  );

  const onListKey = (e: KeyboardEvent<HTMLElement>, pageSize: number) => {
    const inInput = e.target instanceof HTMLInputElement;
    const move = (delta: number) => {
      e.preventDefault();
      if (rows.length === 0) return;
      const next = Math.min(rows.length - 1, Math.max(0, selectedIndex + delta));
      setSelection({ forQuery: search.resultQuery ?? '', id: rows[next]!.id });
    };
    switch (e.key) {
      case '/':
        // The search shortcut pressed while already in the empty search box must not type a slash.
        if (inInput && !query) e.preventDefault();
        return;
      case 'ArrowDown':
        return move(1);
      case 'ArrowUp':
        return move(-1);
      case 'PageDown':
        return move(pageSize);
      case 'PageUp':
        return move(-pageSize);
      case 'Home':
        return inInput ? undefined : move(-rows.length);
      case 'End':
        return inInput ? undefined : move(rows.length);
      case 'Enter':
        e.preventDefault();
        if (stale) openWhenReady.current = true;
        else open(selectedIndex);
        return;
      case 'Escape':
        if (query) {
          e.preventDefault();
          clearSearch();
        }
        return;
    }
  };

  const result = search.result;
  const countText = !result
    ? 'Поиск…'
    : result.limited
      ? `Показаны первые ${fmt(result.items.length)} — уточните запрос${!q && !hasFilters(filters) ? ` (всего клиентов: ${fmt(result.total)})` : ''}`
      : `Найдено: ${fmt(result.total)}`;

  return (
    <Stack
      gap="xs"
      h="calc(100dvh - var(--app-shell-header-offset, 0rem) - 2 * var(--app-shell-padding, 0rem))"
      data-testid="clients-screen"
      data-result-query={search.resultQuery ?? undefined}
      data-pending={search.pending}
    >
      <Group gap="sm" wrap="nowrap">
        <TextInput
          ref={searchRef}
          flex={1}
          size="sm"
          autoFocus
          aria-label="Поиск клиентов"
          placeholder="Название, ИНН, телефон, e-mail или дистрибутив (SKJP_000123_02, SKJP 123-2, 123)"
          leftSection={<IconSearch size={16} />}
          rightSection={
            search.pending ? <Loader size={14} /> : query ? <CloseButton size="sm" aria-label="Очистить поиск" onClick={clearSearch} /> : <Kbd size="xs">/</Kbd>
          }
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => onListKey(e, 20)}
          data-testid="clients-search"
        />
        {canCreate && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setNewOpen(true)} rightSection={<Kbd size="xs">Alt+N</Kbd>} data-testid="new-client">
            Новый клиент
          </Button>
        )}
      </Group>
      {/* On a narrow window the count and the list tools move to a line of their own rather than widen the page. */}
      <Group justify="space-between" wrap="wrap" gap="xs">
        <ClientsFilters filters={filters} onChange={setFilters} refs={refs} gbDefaultDays={result?.gbExpiringDays} />
        <Group gap="xs" wrap="nowrap" ml="auto">
          <Text size="xs" c="dimmed" data-testid="clients-count" style={{ whiteSpace: 'nowrap' }}>
            {countText}
          </Text>
          <ClientListTools query={q} filters={filters} onColumns={setColumns} onApply={(f) => { setQuery(f.query); setFilters(f.filters); }} />
        </Group>
      </Group>
      {canBulk && picking.picked.size > 0 && <BulkBar picking={picking} refs={refs} />}
      {search.error != null && (
        <Alert color="red" py="xs">
          <Group justify="space-between">
            <Text size="sm">{errorText(search.error)}</Text>
            <Button size="compact-xs" variant="white" color="red" onClick={search.retry}>
              Повторить
            </Button>
          </Group>
        </Alert>
      )}
      {result && rows.length === 0 ? (
        <EmptyState query={q} filtered={hasFilters(filters)} canCreate={canCreate} onResetFilters={() => setFilters({})} onCreate={() => setNewOpen(true)} />
      ) : (
        <ClientsTable items={rows} selectedIndex={selectedIndex} stages={refs?.readinessStages} sort={sort} onSort={(k) => setSort((s) => nextSort(s, k))} onOpen={open} onKeyDown={onListKey} shown={columns} picking={canBulk ? picking : null} gbDays={result?.gbExpiringDays} />
      )}
      <Text size="xs" c="dimmed">
        <Kbd size="xs">/</Kbd> или <Kbd size="xs">Ctrl+F</Kbd> — поиск, <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> — выбор, <Kbd size="xs">Enter</Kbd> — открыть карточку,{' '}
        <Kbd size="xs">Esc</Kbd> — очистить поиск, <Kbd size="xs">Ctrl+K</Kbd> — команды
      </Text>
      <NewClientDialog opened={newOpen} onClose={() => setNewOpen(false)} />
    </Stack>
  );
}

function EmptyState({
  query,
  filtered,
  canCreate,
  onResetFilters,
  onCreate,
}: {
  query: string;
  filtered: boolean;
  canCreate: boolean;
  onResetFilters: () => void;
  onCreate: () => void;
}) {
  return (
    <Center flex={1} data-testid="clients-empty">
      <Stack align="center" gap={6} maw={560}>
        {query ? (
          <>
            <Text fw={600}>По запросу «{query}» никого не нашли</Text>
            <Text size="sm" c="dimmed" ta="center">
              Проверьте написание или ищите иначе: по части названия, ИНН, телефону в любой записи, e-mail или дистрибутиву
              (SKJP_000123_02, SKJP 123-2, 123).
            </Text>
            {filtered && (
              <Text size="sm" c="dimmed" ta="center">
                Включены фильтры — возможно, клиент есть, но не подходит под них.
              </Text>
            )}
          </>
        ) : filtered ? (
          <Text fw={600}>Нет клиентов, подходящих под фильтры</Text>
        ) : (
          <>
            <Text fw={600}>Клиентов пока нет</Text>
            <Text size="sm" c="dimmed" ta="center">
              {canCreate ? 'Добавьте первого клиента кнопкой «Новый клиент» (Alt+N).' : 'Клиентов добавляют менеджеры и администратор.'}
            </Text>
          </>
        )}
        <Group gap="xs" mt={4}>
          {filtered && (
            <Button size="xs" variant="light" onClick={onResetFilters}>
              Сбросить фильтры
            </Button>
          )}
          {canCreate && (
            <Button size="xs" variant={filtered ? 'default' : 'light'} leftSection={<IconPlus size={14} />} onClick={onCreate}>
              Новый клиент
            </Button>
          )}
        </Group>
      </Stack>
    </Center>
  );
}
