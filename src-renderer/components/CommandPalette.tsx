// Global search and command palette on Ctrl+K / Cmd+K: finds clients (by name, ИНН, phone, distribution), sections and commands.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Badge, Group, Kbd, Loader, Text, UnstyledButton } from '@mantine/core';
import { useHotkeys, useOs } from '@mantine/hooks';
import { Spotlight, createSpotlight, useSpotlight } from '@mantine/spotlight';
import {
  IconFileCertificate,
  IconAddressBook,
  IconBuilding,
  IconChartBar,
  IconChecklist,
  IconFileText,
  IconLogout,
  IconMailQuestion,
  IconPlus,
  IconSearch,
  IconSettings,
  IconUsers,
  IconSun,
  IconHeadset,
} from '@tabler/icons-react';
import { CLIENT_EDITORS } from '../../src-shared/roles';
import { navigate } from '../app/router';
import { useSession } from '../app/session';
import { useClientSearch } from '../screens/clients/list/useClientSearch';
import { canHandleMail } from '../screens/mail/access';
import { REPORTS } from '../screens/reports/registry';
import { NewClientDialog } from './NewClientDialog';
import { KeyBadge } from './StatusBadges';
import { matchLabel } from './searchMatch';
import { openOperatorWindow } from './operatorWindow';

/** A store of our own, so another Spotlight elsewhere can never open this one. */
const [paletteStore, palette] = createSpotlight();
export const openCommandPalette = palette.open;

const NO_FILTERS = {};

interface Command {
  id: string;
  label: string;
  hint?: string;
  keywords: string;
  icon: ReactNode;
  run: () => void;
  /** A section of the left rail (listed under «Разделы»), not an action. */
  section?: boolean;
}

/** Case and ё/е folded: «отчеты» finds «Отчёты». */
const fold = (s: string) => s.toLowerCase().replaceAll('ё', 'е');
const matches = (c: Command, q: string) => !q || fold(`${c.label} ${c.keywords}`).includes(fold(q));

export function CommandPalette() {
  const { user, hasRole, logout } = useSession();
  const { opened } = useSpotlight(paletteStore);
  const [query, setQuery] = useState('');
  const [newOpen, setNewOpen] = useState(false);
  const os = useOs();
  const shortcut = os === 'macos' ? '⌘K' : 'Ctrl+K';
  const q = query.trim();

  // Ten clients are what fits the palette; the full list is one command away.
  const search = useClientSearch(query, NO_FILTERS, 10, 120, opened && q.length > 0);
  // While the next answer is on its way the previous rows stay, so the list does not flicker as you type.
  const clients = (q && search.result?.items) || [];
  const stale = q.length > 0 && search.resultQuery !== q;

  // Physical key K: with the Russian layout the key reports «л»; and it must work from inside inputs too.
  useHotkeys([['mod+K', () => palette.open(), { usePhysicalKeys: true }]], []);

  const commands = useMemo<Command[]>(() => {
    const go = (path: string) => () => navigate(path);
    // The sections of the left rail, in its order; «Чат» is left out until it is built.
    const list: Command[] = [
      { id: 'home', section: true, label: 'Мой день', hint: 'дела на сегодня', keywords: 'главная сегодня звонки просрочено', icon: <IconSun size={18} />, run: go('/home') },
      { id: 'clients', section: true, label: 'Клиенты', hint: 'список и поиск', keywords: 'список поиск', icon: <IconAddressBook size={18} />, run: go('/clients') },
      { id: 'tasks', section: true, label: 'Поручения', hint: 'заявки и вопросы', keywords: 'задачи заявки вопросы звонки', icon: <IconChecklist size={18} />, run: go('/tasks') },
      { id: 'documents', section: true, label: 'Документы', hint: 'реестр', keywords: 'договоры спецификации счета акты реестр', icon: <IconFileText size={18} />, run: go('/documents') },
      { id: 'reports', section: true, label: 'Отчёты', keywords: 'статистика', icon: <IconChartBar size={18} />, run: go('/reports') },
      { id: 'settings', section: true, label: 'Настройки', keywords: 'параметры справочники', icon: <IconSettings size={18} />, run: go('/settings') },
    ];
    if (hasRole(...CLIENT_EDITORS))
      list.push({ id: 'new-client', label: 'Новый клиент', hint: 'Alt+N', keywords: 'создать добавить', icon: <IconPlus size={18} />, run: () => setNewOpen(true) });
    if (hasRole(...CLIENT_EDITORS))
      list.push({ id: 'usr', label: 'USR-файлы', hint: 'доказательства обновлений', keywords: 'юзер файлы обновления комплекты сио пополнение', icon: <IconFileCertificate size={18} />, run: go('/usr') });
    list.push({ id: 'nss-seminars', label: 'Семинары', hint: 'НСС', keywords: 'семинар запись посещение нсс', icon: <IconFileCertificate size={18} />, run: go('/nss/seminars') });
    if (canHandleMail(user.roles))
      list.push({ id: 'mail-queue', label: 'Нераспознанные письма', hint: 'Поручения', keywords: 'почта очередь письма', icon: <IconMailQuestion size={18} />, run: go('/tasks/queue') });
    for (const r of REPORTS)
      if (hasRole(...r.roles))
        list.push({ id: `report-${r.key}`, label: `Отчёт «${r.title}»`, hint: 'Отчёты', keywords: r.description, icon: <IconChartBar size={18} />, run: go(`/reports/${r.key}`) });
    if (hasRole('admin'))
      list.push({
        id: 'employees',
        label: 'Настройки → Сотрудники',
        hint: 'учётные записи и роли',
        keywords: 'пользователи роли пароль',
        icon: <IconUsers size={18} />,
        run: go('/settings/employees'),
      });
    list.push({
      id: 'operator',
      label: 'Окно оператора чата',
      hint: 'клиент рядом с диалогом',
      keywords: 'чат онлайн-диалог оператор собеседник',
      icon: <IconHeadset size={18} />,
      run: () => openOperatorWindow(),
    });
    list.push({ id: 'logout', label: 'Выйти', hint: 'завершить сеанс', keywords: 'выход', icon: <IconLogout size={18} />, run: logout });
    return list;
  }, [user.roles, hasRole, logout]);
  const shownSections = commands.filter((c) => c.section && matches(c, q));
  const shownCommands = commands.filter((c) => !c.section && matches(c, q));

  // Spotlight marks the selected row in the DOM when the query changes, before our answer arrives; once the
  // fresh rows render, select the first row again so Enter opens the best match, not a command below it.
  // Enter pressed while the answer is still on its way is remembered and run on the fresh first row.
  const enterPending = useRef(false);
  useEffect(() => {
    if (!opened) {
      enterPending.current = false;
      return;
    }
    if (stale) return;
    const trigger = enterPending.current;
    enterPending.current = false;
    const frame = requestAnimationFrame(() => {
      const first = paletteSelect(0);
      if (trigger) first?.click();
    });
    return () => cancelAnimationFrame(frame);
  }, [opened, q, stale, search.result]);

  const searching = q.length > 0 && search.pending;
  return (
    <>
      <UnstyledButton
        onClick={palette.open}
        data-testid="palette-button"
        aria-label={`Поиск и команды (${shortcut})`}
        w={300}
        h={30}
        px="xs"
        style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-sm)', background: 'var(--mantine-color-gray-0)' }}
      >
        <Group gap={6} wrap="nowrap" justify="space-between">
          <Group gap={6} wrap="nowrap">
            <IconSearch size={14} color="var(--mantine-color-dimmed)" />
            <Text size="sm" c="dimmed">
              Поиск…
            </Text>
          </Group>
          <Kbd size="xs">{shortcut}</Kbd>
        </Group>
      </UnstyledButton>

      <Spotlight.Root
        store={paletteStore}
        query={query}
        onQueryChange={setQuery}
        // Spotlight clears the query only when its closing animation ends; reopened sooner, it must still start empty.
        onSpotlightOpen={() => setQuery('')}
        shortcut={null}
        scrollable
        maxHeight={460}
        size={640}
        yOffset={70}
      >
        <Spotlight.Search
          placeholder="Клиент (название, ИНН, телефон, дистрибутив) или команда"
          leftSection={<IconSearch size={18} />}
          rightSection={searching ? <Loader size={14} /> : null}
          aria-label="Поиск и команды"
          data-testid="palette-input"
          onKeyDown={(e) => {
            // Runs before Spotlight's own Enter handling: with the answer still on its way, unmark the
            // (stale) selection so Spotlight triggers nothing, and open the first fresh match when it lands.
            if (stale && (e.key === 'Enter' || e.code === 'NumpadEnter')) {
              paletteSelect(null);
              enterPending.current = true;
            }
          }}
        />
        <Spotlight.ActionsList data-testid="palette-list" data-stale={stale || undefined}>
          {clients.length > 0 && (
            <Spotlight.ActionsGroup label="Клиенты">
              {clients.map((c) => (
                <Spotlight.Action
                  key={`c${c.id}`}
                  onClick={() => navigate(`/clients/${c.id}`)}
                  leftSection={<IconBuilding size={18} />}
                  data-testid="palette-client"
                  data-client-id={c.id}
                  label={c.name}
                  description={[c.inn && `ИНН ${c.inn}`, c.city, c.phone].filter(Boolean).join(' · ') || undefined}
                  rightSection={
                    <Group gap={4} wrap="nowrap">
                      {c.isKey && <KeyBadge />}
                      {c.matched && c.matched.kind !== 'name' && (
                        <Badge size="sm" variant="outline" color="indigo" radius="sm" tt="none" maw={260} title={matchLabel(c.matched)}>
                          {matchLabel(c.matched)}
                        </Badge>
                      )}
                    </Group>
                  }
                  highlightQuery
                />
              ))}
            </Spotlight.ActionsGroup>
          )}
          {q && !searching && search.result && clients.length === 0 && shownSections.length === 0 && shownCommands.length === 0 && (
            <Spotlight.Empty>Ничего не найдено. Проверьте написание или откройте «Клиенты» и уточните поиск фильтрами.</Spotlight.Empty>
          )}
          {(
            [
              ['Разделы', shownSections],
              ['Команды', shownCommands],
            ] as const
          ).map(
            ([label, shown]) =>
              shown.length > 0 && (
                <Spotlight.ActionsGroup key={label} label={label}>
                  {shown.map((c) => (
                    <Spotlight.Action
                      key={c.id}
                      onClick={c.run}
                      leftSection={c.icon}
                      label={c.label}
                      rightSection={c.hint ? <Text size="xs">{c.hint}</Text> : undefined}
                      data-testid={`palette-command-${c.id}`}
                    />
                  ))}
                </Spotlight.ActionsGroup>
              ),
          )}
        </Spotlight.ActionsList>
        <Spotlight.Footer>
          <Text size="xs" c="dimmed">
            <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> — выбор, <Kbd size="xs">Enter</Kbd> — открыть, <Kbd size="xs">Esc</Kbd> — закрыть
          </Text>
        </Spotlight.Footer>
      </Spotlight.Root>
      <NewClientDialog opened={newOpen} onClose={() => setNewOpen(false)} />
    </>
  );
}

/** Spotlight keeps the selection as a DOM attribute plus an index; this mirrors its own (unexported) selectAction. */
function paletteSelect(index: number | null): HTMLElement | undefined {
  const state = paletteStore.getState();
  const list = state.listId ? document.getElementById(state.listId) : null;
  list?.querySelector('[data-selected]')?.removeAttribute('data-selected');
  const target = index === null ? undefined : list?.querySelectorAll<HTMLElement>('[data-action]')[index];
  target?.setAttribute('data-selected', 'true');
  paletteStore.setState({ ...state, selected: target ? index! : -1 });
  return target;
}
