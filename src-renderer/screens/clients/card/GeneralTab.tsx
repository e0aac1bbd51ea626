// Tab «Общие»: the client's own fields with phones and e-mails, saved with the card version (edits merged with a newer one).
import { useEffect, useRef, useState } from 'react';
import { Button, Grid, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ClientStatus } from '../../../../src-shared/api/common';
import type { ClientDetails, EmployeeRow } from '../../../../src-shared/types';
import type { Role } from '../../../../src-shared/roles';
import { call } from '../../../api/transport';
import { useSession } from '../../../app/session';
import { CLIENT_STATUSES } from '../../../../src-shared/api/common';
import { CLIENT_STATUS_LABELS } from '../../../components/StatusBadges';
import { options } from './labels';
import { EmailListInput, PhoneListInput, emailListErrors, emailsForSave, phoneListErrors, phonesForSave, type EmailValue, type PhoneValue } from './PhoneListInput';
import { isConflict, useForm } from './useForm';
import { SameInnNotice, useSameInn } from '../../../components/SameInnNotice';
import { compact, innError, kppError, required } from './validators';
import { sameValue } from '../../../components/mergeEdits';
import { EditClashes, type Clash } from './EditClashes';

interface Values {
  name: string;
  shortName: string;
  inn: string;
  kpp: string;
  legalAddress: string;
  actualAddress: string;
  region: string;
  city: string;
  status: ClientStatus;
  sioId: string | null;
  pmId: string | null;
  comment: string;
  phones: PhoneValue[];
  emails: EmailValue[];
}

function fromClient(c: ClientDetails): Values {
  return {
    name: c.name,
    shortName: c.shortName ?? '',
    inn: c.inn ?? '',
    kpp: c.kpp ?? '',
    legalAddress: c.legalAddress ?? '',
    actualAddress: c.actualAddress ?? '',
    region: c.region ?? '',
    city: c.city ?? '',
    status: c.status,
    sioId: c.sio ? String(c.sio.id) : null,
    pmId: c.pm ? String(c.pm.id) : null,
    comment: c.comment ?? '',
    // Shown in the house format; the server normalises whatever is typed.
    phones: c.phones.map((p) => ({ raw: p.formatted, note: p.note ?? '' })),
    emails: c.emails.map((e) => ({ email: e.email, note: e.note ?? '' })),
  };
}

const LABELS: Record<keyof Values, string> = {
  name: 'Наименование',
  shortName: 'Краткое наименование',
  inn: 'ИНН',
  kpp: 'КПП',
  legalAddress: 'Юридический адрес',
  actualAddress: 'Фактический адрес',
  region: 'Регион',
  city: 'Город',
  status: 'Статус',
  sioId: 'СИО',
  pmId: 'Персональный менеджер',
  comment: 'Комментарий',
  phones: 'Телефоны',
  emails: 'E-mail',
};

function validate(v: Values) {
  return {
    ...compact({ name: required(v.name), inn: innError(v.inn), kpp: kppError(v.kpp) }),
    ...phoneListErrors(v.phones),
    ...emailListErrors(v.emails),
  };
}

/** Employees with a role, for the СИО / ПМ pickers; the one already assigned stays even if dismissed. */
function employeeOptions(all: EmployeeRow[], role: Role, current: { id: number; fullName: string } | null) {
  const list = all.filter((e) => e.active && e.roles.includes(role)).map((e) => ({ value: String(e.id), label: e.fullName }));
  if (current && !list.some((o) => o.value === String(current.id))) list.push({ value: String(current.id), label: current.fullName });
  return list;
}

export function GeneralTab({ client, reload, onDirtyChange }: { client: ClientDetails; reload: () => Promise<void>; onDirtyChange?: (dirty: boolean) => void }) {
  const { refs, hasRole } = useSession();
  const canEdit = hasRole('admin', 'head', 'sales', 'sio', 'pm', 'caller');
  // The version the form was filled from: a save carries it, so a save over a newer card is refused by the server.
  const shownVersion = useRef(client.version);
  // The fields of that version: the base of the three-way merge with a newer one.
  const base = useRef(fromClient(client));
  // Fields both sides changed: their saved value, until the user chooses.
  const [clashes, setClashes] = useState<Partial<Values>>({});
  const form = useForm<Values>(fromClient(client), {
    validate: (v) => ({
      ...validate(v),
      ...Object.fromEntries(Object.keys(clashes).map((k) => [k, 'Поле изменили на другом рабочем месте: выберите значение'])),
    }),
    save: async (v) => {
      await call('clients.update', {
        id: client.id,
        version: shownVersion.current,
        name: v.name,
        shortName: v.shortName,
        inn: v.inn.trim(),
        kpp: v.kpp.trim().toUpperCase(),
        legalAddress: v.legalAddress,
        actualAddress: v.actualAddress,
        region: v.region,
        city: v.city,
        status: v.status,
        sioId: v.sioId ? Number(v.sioId) : null,
        pmId: v.pmId ? Number(v.pmId) : null,
        comment: v.comment,
        phones: phonesForSave(v.phones),
        emails: emailsForSave(v.emails),
      });
      // What was saved is now the base to merge against: keys typed during the save never clash with it.
      base.current = v;
      notifications.show({ color: 'green', message: 'Карточка клиента сохранена' });
      // Not awaited: the form must be marked clean before the new version arrives (see the effect below).
      void reload();
    },
    onError: (err) => {
      if (!isConflict(err)) return false;
      // The newer version arrives with the reload and is merged into the form by the effect below.
      notifications.show({ color: 'orange', autoClose: 8000, message: 'Карточку только что изменил другой сотрудник: ваши правки объединены с его изменениями. Проверьте и сохраните ещё раз' });
      void reload();
      return true;
    },
  });

  // A newer version of the card (saved here or on another workstation) replaces an untouched form; a form with
  // edits takes the other side's changes to fields the user did not touch and asks only where both changed a field.
  // While a save is on its way a newer version waits: it may be that very save, and the save decides the merge base.
  const { reset, dirty, busy, mergeIn } = form;
  useEffect(() => {
    if (busy || client.version === shownVersion.current) return;
    const fresh = fromClient(client);
    shownVersion.current = client.version;
    const was = base.current;
    base.current = fresh;
    if (!dirty) {
      setClashes({});
      reset(fresh);
      return;
    }
    // Merged on the values the form really has: a key typed while the card was loading is not overwritten.
    mergeIn(was, fresh, (found, mine) => {
      setClashes((prev) => {
        const next: Partial<Values> = {};
        for (const k of found) next[k] = fresh[k] as never;
        // An earlier clash stays open while the new version still differs from what the user has.
        for (const k of Object.keys(prev) as (keyof Values)[]) if (!(k in next) && !sameValue(fresh[k], mine[k])) next[k] = fresh[k] as never;
        return next;
      });
    });
  }, [client, dirty, busy, reset, mergeIn]);

  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);

  const loadFresh = () => {
    shownVersion.current = client.version;
    base.current = fromClient(client);
    setClashes({});
    reset(fromClient(client));
  };
  const resolve = (key: string, take: boolean) => {
    const k = key as keyof Values;
    if (take) form.set(k, clashes[k] as never);
    setClashes(({ [k]: _dropped, ...rest }) => rest as Partial<Values>);
  };
  const shownValue = (k: keyof Values, value: unknown): string => {
    if (k === 'status') return CLIENT_STATUS_LABELS[value as ClientStatus] ?? String(value);
    if (k === 'sioId' || k === 'pmId') return (refs?.employees ?? []).find((e) => String(e.id) === value)?.fullName ?? '';
    if (k === 'phones') return (value as PhoneValue[]).map((p) => p.raw).join(', ');
    if (k === 'emails') return (value as EmailValue[]).map((e) => e.email).join(', ');
    return String(value ?? '');
  };
  const clashList: Clash[] = (Object.keys(clashes) as (keyof Values)[]).map((k) => ({ key: k, label: LABELS[k], mine: shownValue(k, form.values[k]), theirs: shownValue(k, clashes[k]) }));

  const v = form.values;
  // Only while the ИНН/КПП is being changed: the header already names the clients this one shares them with.
  const editingInn = v.inn.trim() !== (client.inn ?? '') || v.kpp.trim().toUpperCase() !== (client.kpp ?? '');
  const sameInn = useSameInn(editingInn ? v.inn : '', v.kpp, client.id);
  const text = (key: keyof Values, label: string, extra: Partial<React.ComponentProps<typeof TextInput>> = {}) => (
    <TextInput
      label={label}
      value={v[key] as string}
      onChange={(e) => form.set(key, e.currentTarget.value as never)}
      error={form.error(key)}
      readOnly={!canEdit}
      data-testid={`general-${key}`}
      {...extra}
    />
  );

  return (
    <Stack gap="sm" onKeyDown={form.onKeyDown} maw={1200} data-testid="general-form">
      <EditClashes clashes={clashList} onKeepMine={(k) => resolve(k, false)} onTakeTheirs={(k) => resolve(k, true)} />
      <Grid gap="sm">
        <Grid.Col span={6}>
          <Stack gap="xs">
            {text('name', 'Наименование', { required: true, autoFocus: false })}
            {text('shortName', 'Краткое наименование')}
            <Group grow gap="xs" align="flex-start">
              {text('inn', 'ИНН', { maxLength: 12 })}
              {text('kpp', 'КПП', { maxLength: 9 })}
            </Group>
            <SameInnNotice result={sameInn} />
            <Group grow gap="xs" align="flex-start">
              <Select
                label="Статус"
                data={options(CLIENT_STATUSES, CLIENT_STATUS_LABELS)}
                value={v.status}
                onChange={(s) => s && form.set('status', s as ClientStatus)}
                allowDeselect={false}
                readOnly={!canEdit}
              />
              <Select
                label="СИО"
                placeholder="не назначен"
                data={employeeOptions(refs?.employees ?? [], 'sio', client.sio)}
                value={v.sioId}
                onChange={(s) => form.set('sioId', s)}
                error={form.error('sioId')}
                clearable
                searchable
                readOnly={!canEdit}
              />
              <Select
                label="Персональный менеджер"
                placeholder="не назначен"
                data={employeeOptions(refs?.employees ?? [], 'pm', client.pm)}
                value={v.pmId}
                onChange={(s) => form.set('pmId', s)}
                error={form.error('pmId')}
                clearable
                searchable
                readOnly={!canEdit}
              />
            </Group>
          </Stack>
        </Grid.Col>
        <Grid.Col span={6}>
          <Stack gap="xs">
            {text('legalAddress', 'Юридический адрес')}
            {text('actualAddress', 'Фактический адрес')}
            <Group grow gap="xs" align="flex-start">
              {text('region', 'Регион')}
              {text('city', 'Город')}
            </Group>
            <Textarea
              label="Комментарий"
              value={v.comment}
              onChange={(e) => form.set('comment', e.currentTarget.value)}
              error={form.error('comment')}
              data-testid="general-comment"
              autosize
              minRows={1}
              maxRows={4}
              readOnly={!canEdit}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={6}>
          <PhoneListInput label="Телефоны организации" value={v.phones} onChange={(l) => form.set('phones', l)} errors={form.shown} prefix="phones" testId="general-phones" />
        </Grid.Col>
        <Grid.Col span={6}>
          <EmailListInput label="E-mail организации" value={v.emails} onChange={(l) => form.set('emails', l)} errors={form.shown} prefix="emails" testId="general-emails" />
        </Grid.Col>
      </Grid>
      {canEdit && (
        <Group gap="xs">
          <Button onClick={() => void form.submit()} loading={form.busy} disabled={!form.dirty} data-testid="general-save" title="Ctrl+Enter">
            Сохранить
          </Button>
          {form.dirty && (
            <Button variant="default" onClick={loadFresh}>
              Отменить изменения
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
