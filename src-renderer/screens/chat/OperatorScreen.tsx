// The chat operator window (#/chat/operator[?q=…]): one input for whatever the dialog shows, the client beside the chat, keyboard first.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Button, Checkbox, Divider, Group, Kbd, Loader, Paper, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClipboard, IconExternalLink, IconPhoneCall, IconSearch, IconUserPlus, IconNote } from '@tabler/icons-react';
import type { ChatLookup, LookupCandidate } from '../../../src-shared/chat-operator';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { navigate } from '../../app/router';
import { ClientStatusBadge, KeyBadge } from '../../components/StatusBadges';
import { matchLabel } from '../../components/searchMatch';
import { OPERATOR_WINDOW_NAME } from '../../components/operatorWindow';
import { ClientSection, ContactSection, DistributionsSection, HistorySection, OwedSection, TasksSection } from './OperatorSections';
import { OperatorDialogs, type OperatorAction } from './OperatorDialogs';

/** `q` of the hash's query (`#/chat/operator?q=…`): the global shortcut and «Окно оператора» pass the text so. */
function hashQuery(): string {
  const hash = window.location.hash;
  const i = hash.indexOf('?');
  return i < 0 ? '' : (new URLSearchParams(hash.slice(i + 1)).get('q') ?? '');
}

const INPUT_TEXT: Record<ChatLookup['input'], string> = {
  empty: '',
  distr: 'дистрибутив',
  email: 'эл. почта',
  phone: 'телефон',
  inn: 'ИНН',
  text: 'ФИО или название',
  chosen: 'выбран из списка',
};

async function clipboardText(): Promise<string> {
  if (window.crm?.readClipboard) return window.crm.readClipboard();
  return navigator.clipboard.readText();
}

/** The full card: in the main window when this is the popup it opened, else here. */
function openCard(clientId: number): void {
  const opener = window.opener as Window | null;
  try {
    if (opener && !opener.closed && window.name === OPERATOR_WINDOW_NAME) {
      opener.location.hash = `#/clients/${clientId}`;
      opener.focus();
      return;
    }
  } catch {
    // Another origin or a closed window: open it here.
  }
  navigate(`/clients/${clientId}`);
}

export function OperatorScreen() {
  const [text, setText] = useState(hashQuery);
  const [result, setResult] = useState<ChatLookup | null>(null);
  /** The text the result answers; while the input still shows it, Enter picks the highlighted candidate. */
  const [answered, setAnswered] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sel, setSel] = useState(0);
  const [action, setAction] = useState<OperatorAction>(null);
  const [onTop, setOnTop] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const seq = useRef(0);

  const lookup = useCallback(async (q: string, chosen?: { clientId: number; contactId?: number | null }) => {
    const mine = ++seq.current;
    setBusy(true);
    setError(null);
    try {
      const r = await call('chat.lookup', { q, ...(chosen ? { clientId: chosen.clientId, ...(chosen.contactId ? { contactId: chosen.contactId } : {}) } : {}) });
      if (mine !== seq.current) return;
      setResult(r);
      setAnswered(q);
      setSel(0);
    } catch (err) {
      if (mine === seq.current) setError(errorText(err));
    } finally {
      if (mine === seq.current) setBusy(false);
    }
  }, []);

  // The text the window was opened with, and every later opening through the hash (the global shortcut).
  useEffect(() => {
    const run = () => {
      const q = hashQuery();
      setText(q);
      if (q.trim()) void lookup(q);
      input.current?.focus();
    };
    run();
    window.addEventListener('hashchange', run);
    return () => window.removeEventListener('hashchange', run);
  }, [lookup]);

  const candidates = result?.candidates ?? [];
  const pick = (c: LookupCandidate) => void lookup(answered, { clientId: c.clientId, contactId: c.contactId });

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const listing = candidates.length > 0 && text === answered;
    if (e.key === 'ArrowDown' && listing) {
      e.preventDefault();
      setSel((s) => Math.min(s + 1, candidates.length - 1));
    } else if (e.key === 'ArrowUp' && listing) {
      e.preventDefault();
      setSel((s) => Math.max(s - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (listing && candidates[sel]) pick(candidates[sel]);
      else void lookup(text);
    } else if (e.key === 'Escape' && text) {
      e.preventDefault();
      setText('');
    }
  };

  const fromClipboard = async () => {
    try {
      const q = (await clipboardText()).trim().slice(0, 500);
      setText(q);
      input.current?.focus();
      if (q) await lookup(q);
    } catch {
      notifications.show({ color: 'red', message: 'Нет доступа к буферу обмена: вставьте текст в поле (Ctrl+V)' });
    }
  };

  const reload = (contactId?: number) => {
    const r = result;
    if (r?.client) void lookup(answered, { clientId: r.client.id, contactId: contactId ?? r.contact?.id ?? null });
  };

  const c = result?.client;
  return (
    <Stack gap="xs" p="xs" maw={560} data-testid="operator-screen">
      <Group gap={6} wrap="nowrap" align="flex-end">
        <TextInput
          ref={input}
          autoFocus
          flex={1}
          size="sm"
          placeholder="Дистрибутив, телефон, эл. почта, ИНН, ФИО…"
          aria-label="Что показывает чат"
          leftSection={busy ? <Loader size={14} /> : <IconSearch size={14} />}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={onKey}
          data-testid="op-input"
        />
        <Button size="sm" variant="default" leftSection={<IconClipboard size={14} />} onClick={() => void fromClipboard()} data-testid="op-clipboard">
          Из буфера
        </Button>
      </Group>
      <Group justify="space-between" gap={4}>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">Enter</Kbd> — найти{candidates.length > 0 ? ', ↑ ↓ — выбрать' : ''}
          {result && result.input !== 'empty' ? ` · понято как: ${INPUT_TEXT[result.input]}` : ''}
        </Text>
        {window.crm?.setAlwaysOnTop && (
          <Checkbox
            size="xs"
            label="Поверх окон"
            checked={onTop}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setOnTop(on);
              void window.crm?.setAlwaysOnTop?.(on);
            }}
          />
        )}
      </Group>

      {error && <Alert color="red">{error}</Alert>}
      {result?.unknownSystemNumber != null && (
        <Alert color="yellow" p="xs" data-testid="op-unknown-system">
          Система № {result.unknownSystemNumber} не указана в справочнике систем К+ (Настройки → Системы К+): по номеру найти нельзя.
        </Alert>
      )}
      {result && !c && candidates.length === 0 && result.input !== 'empty' && !busy && (
        <Text size="sm" c="dimmed" data-testid="op-nothing">
          Ничего не найдено. Проверьте текст или найдите клиента по другому признаку.
        </Text>
      )}

      {candidates.length > 0 && (
        <Paper withBorder p={4} data-testid="op-candidates">
          <Text size="xs" c="dimmed" px={4}>
            Найдено несколько{result?.limited ? ' (показаны первые — уточните запрос)' : ''}:
          </Text>
          {candidates.map((cand, i) => (
            <UnstyledButton
              key={`${cand.clientId}-${cand.contactId ?? 0}`}
              w="100%"
              px={6}
              py={3}
              bg={i === sel ? 'var(--mantine-color-blue-light)' : undefined}
              onClick={() => pick(cand)}
              onMouseEnter={() => setSel(i)}
              data-testid="op-candidate"
              data-selected={i === sel || undefined}
            >
              <Group gap={6} wrap="nowrap">
                <Text size="sm" fw={600} truncate>
                  {cand.name}
                </Text>
                <ClientStatusBadge status={cand.status} />
                {cand.isKey && <KeyBadge />}
              </Group>
              <Text size="xs" c="dimmed" truncate>
                {[cand.contactName, cand.inn ? `ИНН ${cand.inn}` : null, cand.city, cand.matched && cand.matched.kind !== 'name' ? matchLabel(cand.matched) : null]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </UnstyledButton>
          ))}
        </Paper>
      )}

      {c && result && (
        <>
          <Group gap={4}>
            <Button size="compact-sm" leftSection={<IconPhoneCall size={14} />} onClick={() => setAction('callback')} data-testid="op-action-callback">
              Перезвонить
            </Button>
            <Button size="compact-sm" variant="default" leftSection={<IconNote size={14} />} onClick={() => setAction('event')} data-testid="op-action-event">
              Событие
            </Button>
            <Button size="compact-sm" variant="default" leftSection={<IconUserPlus size={14} />} onClick={() => setAction('contact')} data-testid="op-action-contact">
              В контакты
            </Button>
            <Button size="compact-sm" variant="subtle" leftSection={<IconExternalLink size={14} />} onClick={() => openCard(c.id)} data-testid="op-open-card">
              Открыть карточку
            </Button>
          </Group>
          <ScrollArea.Autosize mah="calc(100vh - 170px)" type="auto" offsetScrollbars>
            <Stack gap="sm">
              <ClientSection r={result} />
              <Divider />
              <ContactSection r={result} onSwitch={(id) => void lookup(answered, { clientId: c.id, contactId: id })} onAdd={() => setAction('contact')} />
              <Divider />
              <DistributionsSection r={result} />
              <Divider />
              <TasksSection r={result} />
              <Divider />
              <OwedSection r={result} />
              <Divider />
              <HistorySection r={result} />
            </Stack>
          </ScrollArea.Autosize>
          <OperatorDialogs action={action} r={result} query={answered} onClose={() => setAction(null)} onDone={reload} />
        </>
      )}
      {!result && !busy && (
        <Text size="sm" c="dimmed">
          Вставьте из чата дистрибутив (например, 1_000123_02), телефон, эл. почту, ИНН или ФИО собеседника и нажмите Enter.
        </Text>
      )}
    </Stack>
  );
}
