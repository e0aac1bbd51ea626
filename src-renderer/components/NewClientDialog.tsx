// Dialog that creates a client: checks ИНН/КПП, phones and e-mails as you type, shows server messages by the field, opens the new card.
import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconX } from '@tabler/icons-react';
import { CLIENT_STATUSES, type ClientStatus } from '../../src-shared/api/common';
import { checkInn, checkKpp, requisiteMessage } from '../../src-shared/validation/requisites';
import { normalizePhone } from '../../src-shared/validation/phone';
import { call } from '../api/transport';
import { errorText, fieldErrors } from '../api/messages';
import { navigate } from '../app/router';
import { useSession } from '../app/session';
import { CLIENT_STATUS_LABELS } from './StatusBadges';
import { SameInnNotice, duplicateFromError, useSameInn } from './SameInnNotice';
import type { SameInnClient } from '../../src-shared/dedupe';

interface Form {
  name: string;
  shortName: string;
  inn: string;
  kpp: string;
  city: string;
  region: string;
  status: ClientStatus;
  sioId: string | null;
  pmId: string | null;
  phones: string[];
  emails: string[];
}

const EMPTY: Form = { name: '', shortName: '', inn: '', kpp: '', city: '', region: '', status: 'prospect', sioId: null, pmId: null, phones: [''], emails: [''] };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NUMERIC = { input: { fontVariantNumeric: 'tabular-nums' } } as const;
const STATUS_OPTIONS = CLIENT_STATUSES.map((s) => ({ value: s, label: CLIENT_STATUS_LABELS[s] }));

/** People type ИНН with spaces when copying from documents; the check and the server get digits only. */
const cleanInn = (v: string) => v.replace(/\s+/g, '');
const cleanKpp = (v: string) => v.replace(/\s+/g, '').toUpperCase();

/**
 * Messages shown while typing. A value that is merely too short yet is not flagged until the field is left
 * (`touched`) or a save is tried: «ИНН должен содержать 10 или 12 цифр» after the third digit helps no one.
 */
function localErrors(f: Form, touched: Set<string>, submitted: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  const shown = (key: string) => submitted || touched.has(key);
  if (!f.name.trim() && shown('name')) out.name = 'Укажите наименование клиента';
  const inn = cleanInn(f.inn);
  if (inn) {
    const e = checkInn(inn);
    if (e && (e.code !== 'length' || inn.length > 12 || shown('inn'))) out.inn = requisiteMessage('inn', e);
  }
  const kpp = cleanKpp(f.kpp);
  if (kpp) {
    const e = checkKpp(kpp);
    if (e && (e.code !== 'length' || kpp.length > 9 || shown('kpp'))) out.kpp = requisiteMessage('kpp', e);
  }
  f.phones.forEach((p, i) => {
    if (p.trim() && normalizePhone(p) === null && shown(`phones.${i}.raw`)) out[`phones.${i}.raw`] = 'Телефон не распознан: например, +7 (423) 222-33-44';
  });
  f.emails.forEach((m, i) => {
    if (m.trim() && !EMAIL.test(m.trim()) && shown(`emails.${i}.email`)) out[`emails.${i}.email`] = 'Неверный адрес электронной почты: например, buh@romashka.ru';
  });
  return out;
}

export function NewClientDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { refs } = useSession();
  const [form, setForm] = useState<Form>(EMPTY);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!opened) return;
    setForm(EMPTY);
    setTouched(new Set());
    setSubmitted(false);
    setServerErrors({});
    setGeneralError(null);
    setRefused(null);
  }, [opened]);

  const errors = { ...localErrors(form, touched, submitted), ...serverErrors };
  const checked = useSameInn(opened ? cleanInn(form.inn) : '', cleanKpp(form.kpp));
  const [refused, setRefused] = useState<SameInnClient | null>(null);
  const sameInn = refused && !checked.duplicate ? { ...checked, duplicate: refused } : checked;
  const err = (key: string) => errors[key];
  const touch = (key: string) => () => setTouched((t) => (t.has(key) ? t : new Set(t).add(key)));
  const set = <K extends keyof Form>(key: K, value: Form[K], errorKey: string = key) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (key === 'inn' || key === 'kpp') setRefused(null);
    // A server message is about the value that was sent; once the user edits the field it no longer applies.
    if (serverErrors[errorKey]) setServerErrors(({ [errorKey]: _drop, ...rest }) => rest);
  };
  const setListItem = (key: 'phones' | 'emails', i: number, value: string) =>
    set(key, form[key].map((v, j) => (j === i ? value : v)), key === 'phones' ? `phones.${i}.raw` : `emails.${i}.email`);

  const employees = (role: 'sio' | 'pm') =>
    (refs?.employees ?? []).filter((e) => e.active && e.roles.includes(role)).map((e) => ({ value: String(e.id), label: e.fullName }));

  const dirty = JSON.stringify(form) !== JSON.stringify(EMPTY);
  const requestClose = () => {
    if (!dirty || busy) return busy ? undefined : onClose();
    modals.openConfirmModal({
      title: 'Закрыть без сохранения?',
      children: <Text size="sm">Введённые данные нового клиента будут потеряны.</Text>,
      labels: { confirm: 'Закрыть', cancel: 'Вернуться к форме' },
      confirmProps: { color: 'red' },
      onConfirm: onClose,
    });
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setGeneralError(null);
    const found = localErrors(form, touched, true);
    if (Object.keys(found).length > 0) {
      // Nothing is sent while something is wrong; take the user to the first problem.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      const { id } = await call('clients.create', {
        name: form.name.trim(),
        shortName: form.shortName.trim() || null,
        inn: cleanInn(form.inn) || null,
        kpp: cleanKpp(form.kpp) || null,
        city: form.city.trim() || null,
        region: form.region.trim() || null,
        status: form.status,
        sioId: form.sioId ? Number(form.sioId) : null,
        pmId: form.pmId ? Number(form.pmId) : null,
        phones: form.phones.filter((p) => p.trim()).map((raw) => ({ raw })),
        emails: form.emails.filter((m) => m.trim()).map((email) => ({ email })),
      });
      notifications.show({ color: 'green', message: `Клиент «${form.name.trim()}» создан` });
      onClose();
      navigate(`/clients/${id}`);
    } catch (error) {
      setRefused(duplicateFromError(error));
      const byField = remapListPaths(fieldErrors(error), form);
      setServerErrors(byField);
      if (Object.keys(byField).length === 0) setGeneralError(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={requestClose} title={<Text fw={600}>Новый клиент</Text>} size="lg" closeOnClickOutside={false} data-testid="new-client-dialog">
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          {generalError && (
            <Alert color="red" data-testid="new-client-error">
              {generalError}
            </Alert>
          )}
          <TextInput label="Наименование" required data-autofocus value={form.name} onChange={(e) => set('name', e.currentTarget.value)} onBlur={touch('name')} error={err('name')} />
          <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
            <TextInput label="Краткое наименование" value={form.shortName} onChange={(e) => set('shortName', e.currentTarget.value)} error={err('shortName')} />
            <Select label="Статус" data={STATUS_OPTIONS} value={form.status} onChange={(v) => v && set('status', v as ClientStatus)} allowDeselect={false} />
            <TextInput
              label="ИНН"
              value={form.inn}
              onChange={(e) => set('inn', e.currentTarget.value)}
              onBlur={touch('inn')}
              error={err('inn')}
              inputMode="numeric"
              placeholder="10 или 12 цифр"
              styles={NUMERIC}
            />
            <TextInput label="КПП" value={form.kpp} onChange={(e) => set('kpp', e.currentTarget.value)} onBlur={touch('kpp')} error={err('kpp')} placeholder="9 символов" styles={NUMERIC} />
            <TextInput label="Город" value={form.city} onChange={(e) => set('city', e.currentTarget.value)} error={err('city')} />
            <TextInput label="Регион" value={form.region} onChange={(e) => set('region', e.currentTarget.value)} error={err('region')} />
            <Select
              label="СИО"
              data={employees('sio')}
              value={form.sioId}
              onChange={(v) => set('sioId', v)}
              error={err('sioId')}
              searchable
              clearable
              placeholder="Не назначен"
              nothingFoundMessage="Нет такого СИО"
            />
            <Select
              label="Персональный менеджер"
              data={employees('pm')}
              value={form.pmId}
              onChange={(v) => set('pmId', v)}
              error={err('pmId')}
              searchable
              clearable
              placeholder="Не назначен"
              nothingFoundMessage="Нет такого менеджера"
            />
          </SimpleGrid>
          <SameInnNotice result={sameInn} />
          <SimpleGrid cols={2} spacing="sm">
            <ListInputs
              label="Телефоны"
              addLabel="Добавить телефон"
              values={form.phones}
              placeholder="+7 (423) 222-33-44"
              errorOf={(i) => err(`phones.${i}.raw`)}
              onChange={(i, v) => setListItem('phones', i, v)}
              onBlur={(i) => touch(`phones.${i}.raw`)()}
              onListChange={(list) => set('phones', list)}
            />
            <ListInputs
              label="E-mail"
              addLabel="Добавить e-mail"
              values={form.emails}
              placeholder="buh@romashka.ru"
              errorOf={(i) => err(`emails.${i}.email`)}
              onChange={(i, v) => setListItem('emails', i, v)}
              onBlur={(i) => touch(`emails.${i}.email`)()}
              onListChange={(list) => set('emails', list)}
            />
          </SimpleGrid>
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={requestClose} disabled={busy}>
              Отмена
            </Button>
            <Button type="submit" loading={busy}>
              Создать
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Server paths name list items by index among the non-empty values sent; map them back to the inputs. */
function remapListPaths(errors: Record<string, string>, form: Form): Record<string, string> {
  const out: Record<string, string> = {};
  const index = (list: string[]) => list.map((v, i) => (v.trim() ? i : -1)).filter((i) => i >= 0);
  const sent = { phones: index(form.phones), emails: index(form.emails) };
  for (const [path, text] of Object.entries(errors)) {
    const m = /^(phones|emails)\.(\d+)\.(.+)$/.exec(path);
    if (m) {
      const list = m[1] as 'phones' | 'emails';
      out[`${list}.${sent[list][Number(m[2])] ?? 0}.${list === 'phones' ? 'raw' : 'email'}`] = text;
    } else out[path] = text;
  }
  return out;
}

function ListInputs({
  label,
  addLabel,
  values,
  placeholder,
  errorOf,
  onChange,
  onBlur,
  onListChange,
}: {
  label: string;
  addLabel: string;
  values: string[];
  placeholder: string;
  errorOf: (i: number) => string | undefined;
  onChange: (i: number, v: string) => void;
  onBlur: (i: number) => void;
  onListChange: (list: string[]) => void;
}) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {values.map((v, i) => (
        <Group key={i} gap={4} wrap="nowrap" align="flex-start">
          <TextInput
            flex={1}
            aria-label={values.length > 1 ? `${label} ${i + 1}` : label}
            value={v}
            placeholder={placeholder}
            onChange={(e) => onChange(i, e.currentTarget.value)}
            onBlur={() => onBlur(i)}
            error={errorOf(i)}
          />
          {values.length > 1 && (
            <ActionIcon variant="subtle" color="gray" mt={6} aria-label="Удалить" onClick={() => onListChange(values.filter((_, j) => j !== i))}>
              <IconX size={14} />
            </ActionIcon>
          )}
        </Group>
      ))}
      <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => onListChange([...values, ''])} w="fit-content" disabled={values.length >= 20}>
        {addLabel}
      </Button>
    </Stack>
  );
}
