// Tab «Общие»: the client's own fields with phones and e-mails, saved with the card version (conflicts detected).
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Grid, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
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
  const [conflict, setConflict] = useState(false);
  // The version the form was filled from: a save carries it, so edits made over a newer card are refused.
  const shownVersion = useRef(client.version);
  // The fields as loaded: a new version that leaves them as they were (a contact or a note was added) is not a conflict.
  const shownFields = useRef(JSON.stringify(fromClient(client)));
  const form = useForm<Values>(fromClient(client), {
    validate,
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
      setConflict(false);
      notifications.show({ color: 'green', message: 'Карточка клиента сохранена' });
      // Not awaited: the form must be marked clean before the new version arrives (see the effect below).
      void reload();
    },
    onError: (err) => {
      if (!isConflict(err)) return false;
      setConflict(true);
      notifications.show({ color: 'orange', autoClose: 8000, message: 'Карточку только что изменил другой сотрудник. Загружены актуальные данные — внесите правки заново' });
      void reload();
      return true;
    },
  });

  // A newer version of the card (saved here or on another workstation) replaces an untouched form;
  // a form with edits in progress is kept, and the user is told it is out of date.
  const [stale, setStale] = useState(false);
  const { reset, dirty } = form;
  useEffect(() => {
    if (client.version === shownVersion.current) return;
    const fresh = fromClient(client);
    if (dirty && !conflict) {
      if (JSON.stringify(fresh) === shownFields.current) shownVersion.current = client.version;
      else setStale(true);
      return;
    }
    shownVersion.current = client.version;
    shownFields.current = JSON.stringify(fresh);
    setStale(false);
    reset(fresh);
  }, [client, dirty, conflict, reset]);

  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);

  const loadFresh = () => {
    shownVersion.current = client.version;
    shownFields.current = JSON.stringify(fromClient(client));
    setStale(false);
    setConflict(false);
    reset(fromClient(client));
  };

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
      {conflict && (
        <Alert color="orange" title="Карточку изменил другой сотрудник" data-testid="general-conflict">
          Показаны актуальные данные, ваши правки не сохранены — внесите их заново.
        </Alert>
      )}
      {stale && !conflict && (
        <Alert color="yellow" data-testid="general-stale">
          <Group justify="space-between">
            <span>Пока вы редактировали, карточку изменили на другом рабочем месте. Сохранение будет отклонено.</span>
            <Button size="xs" variant="default" onClick={loadFresh}>
              Загрузить актуальные данные
            </Button>
          </Group>
        </Alert>
      )}
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
