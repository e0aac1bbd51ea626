// The dialog adding or editing a Главбух certificate by hand; a number another client holds is answered with a link to that client.
import { useState } from 'react';
import { Alert, Anchor, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { call, ApiCallError } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { DateField } from '../DateField';
import { dateError } from '../dateText';
import type { GbCard, GbCertificateItem } from '../../../src-shared/glavbukh';

type EditStatus = 'requested' | 'certified' | 'expired';
const STATUS_OPTIONS: { value: EditStatus; label: string }[] = [
  { value: 'certified', label: 'Сертифицирован' },
  { value: 'requested', label: 'Заявка' },
  { value: 'expired', label: 'Истёк' },
];

interface FormState {
  number: string;
  programme: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  status: EditStatus;
  contactId: string | null;
}

const FIELD_TEXT: Record<string, string> = {
  'validUntil:before_issued': 'Срок действия раньше даты выдачи',
  'validUntil:required': 'Укажите, до какой даты действует сертификат',
  'number:required': 'Укажите номер сертификата',
  'programme:unknown': 'Такой программы нет в настройках',
  'contactId:not_of_client': 'Контактное лицо другого клиента',
};

function initialOf(card: GbCard, cert: GbCertificateItem | null): FormState {
  if (cert)
    return {
      number: cert.number ?? '',
      programme: cert.programme,
      issuedOn: cert.issuedOn,
      validUntil: cert.validUntil,
      status: cert.recordedStatus === 'revoked' ? 'certified' : cert.recordedStatus,
      contactId: cert.contact ? String(cert.contact.id) : null,
    };
  return { number: '', programme: card.programmes[0]?.code ?? null, issuedOn: null, validUntil: null, status: 'certified', contactId: null };
}

function localErrors(f: FormState): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.programme) e.programme = 'Выберите программу';
  if (f.status !== 'requested' && !f.number.trim()) e.number = FIELD_TEXT['number:required']!;
  const issued = dateError(f.issuedOn);
  if (issued) e.issuedOn = issued;
  const until = dateError(f.validUntil, { required: f.status === 'certified' });
  if (until) e.validUntil = f.status === 'certified' && !f.validUntil ? FIELD_TEXT['validUntil:required']! : until;
  else if (f.issuedOn && f.validUntil && !issued && f.validUntil < f.issuedOn) e.validUntil = FIELD_TEXT['validUntil:before_issued']!;
  return e;
}

export function GbCertificateForm({ clientId, card, cert, onClose, onSaved }: { clientId: number; card: GbCard; cert: GbCertificateItem | null; onClose: () => void; onSaved: () => void }) {
  const [initial] = useState(() => initialOf(card, cert));
  const [form, setForm] = useState<FormState>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [holder, setHolder] = useState<{ id: number; name: string } | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setServerErrors((e) => ({ ...e, [k]: '' }));
    if (k === 'number') setHolder(null);
  };
  const errors = { ...(submitted ? localErrors(form) : {}), ...Object.fromEntries(Object.entries(serverErrors).filter(([, v]) => v)) };
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);

  const requestClose = () => {
    if (busy) return;
    if (!dirty) return onClose();
    modals.openConfirmModal({
      title: 'Закрыть без сохранения?',
      children: <Text size="sm">Введённые данные сертификата будут потеряны.</Text>,
      labels: { confirm: 'Закрыть', cancel: 'Вернуться к форме' },
      confirmProps: { color: 'red' },
      onConfirm: onClose,
    });
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setGeneral(null);
    setHolder(null);
    if (Object.keys(localErrors(form)).length) return;
    setBusy(true);
    try {
      await call('glavbukh.certificates.save', {
        clientId,
        id: cert?.id,
        programme: form.programme!,
        number: form.number.trim() || null,
        issuedOn: form.issuedOn,
        validUntil: form.validUntil,
        status: form.status,
        contactId: form.contactId ? Number(form.contactId) : null,
      });
      onSaved();
    } catch (err) {
      const issue = err instanceof ApiCallError ? err.error.issues?.[0] : undefined;
      if (err instanceof ApiCallError && err.code === 'CONFLICT' && issue?.path === 'number' && issue.ref) setHolder(issue.ref);
      else if (err instanceof ApiCallError && err.code === 'BAD_INPUT') {
        const fe = fieldErrors(err);
        for (const i of err.error.issues ?? []) fe[i.path] = FIELD_TEXT[`${i.path}:${i.reason}`] ?? fe[i.path] ?? '';
        setServerErrors(fe);
      } else setGeneral(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={requestClose} title={cert ? 'Сертификат' : 'Новый сертификат'} data-testid="gb-form">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="xs">
          <Select
            label="Программа"
            data={card.programmes.map((p) => ({ value: p.code, label: p.name }))}
            value={form.programme}
            onChange={(v) => set('programme', v)}
            disabled={!!cert}
            error={errors.programme}
            allowDeselect={false}
            data-testid="gb-programme"
          />
          <TextInput label="Номер сертификата" value={form.number} onChange={(e) => set('number', e.currentTarget.value)} error={errors.number} data-testid="gb-number" maxLength={100} />
          {holder && (
            <Alert color="red" py={6} data-testid="gb-holder">
              Номер уже у клиента{' '}
              <Anchor href={`#/clients/${holder.id}/glavbukh`} data-testid="gb-holder-link">
                «{holder.name}»
              </Anchor>
            </Alert>
          )}
          <Select label="Статус" data={STATUS_OPTIONS} value={form.status} onChange={(v) => v && set('status', v as EditStatus)} allowDeselect={false} data-testid="gb-status" />
          <Group grow>
            <DateField label="Дата выдачи" value={form.issuedOn} onChange={(v) => set('issuedOn', v)} error={errors.issuedOn} data-testid="gb-issued" />
            <DateField label="Действует до" value={form.validUntil} onChange={(v) => set('validUntil', v)} error={errors.validUntil} data-testid="gb-valid-until" />
          </Group>
          <Select
            label="Контактное лицо"
            placeholder="Сертификат организации"
            data={card.contacts.map((c) => ({ value: String(c.id), label: c.name }))}
            value={form.contactId}
            onChange={(v) => set('contactId', v)}
            error={errors.contactId}
            clearable
            data-testid="gb-contact"
          />
          {general && (
            <Alert color="red" py={6}>
              {general}
            </Alert>
          )}
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={requestClose} disabled={busy}>
              Отмена
            </Button>
            <Button type="submit" loading={busy} data-testid="gb-save">
              Сохранить
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
