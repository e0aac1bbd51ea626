// The «Новый семинар» / edit dialog: title, date and time (РИЦ time), format, capacity, place, note; messages next to the fields.
import { useState } from 'react';
import { Button, Group, Modal, NumberInput, SegmentedControl, Stack, TextInput, Textarea } from '@mantine/core';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { DateField } from '../../components/DateField';
import { dateError } from '../../components/dateText';
import type { NssSeminar, NssSeminarFormat } from '../../../src-shared/nss';
import { SEMINAR_FORMAT_TEXT } from '../../components/nss/nssServiceText';

interface Form {
  title: string;
  date: string | null;
  time: string;
  format: NssSeminarFormat;
  capacity: number | string;
  place: string;
  note: string;
}

const timeOf = (iso: string) => {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

export function SeminarForm({ seminar, onClose, onSaved }: { seminar: NssSeminar | null; onClose: () => void; onSaved: (id: number) => void }) {
  const [form, setForm] = useState<Form>(() =>
    seminar
      ? { title: seminar.title, date: seminar.onDate, time: timeOf(seminar.startsAt), format: seminar.format, capacity: seminar.capacity ?? '', place: seminar.place ?? '', note: seminar.note ?? '' }
      : { title: '', date: null, time: '10:00', format: 'online', capacity: '', place: '', note: '' },
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((e) => ({ ...e, [k]: '' }));
  };

  const validate = (): Record<string, string> => {
    const e: Record<string, string> = {};
    if (!form.title.trim()) e.title = 'Укажите тему семинара';
    const d = form.date ? dateError(form.date) : 'Укажите дату';
    if (d) e.date = d;
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(form.time)) e.time = 'Время в виде 10:00';
    if (form.capacity !== '' && (!Number.isInteger(Number(form.capacity)) || Number(form.capacity) < 1)) e.capacity = 'Целое число больше нуля или пусто';
    return e;
  };

  const submit = async () => {
    const e = validate();
    if (Object.values(e).some(Boolean)) return setErrors(e);
    setBusy(true);
    try {
      const r = await call('nss.seminars.save', {
        id: seminar?.id,
        title: form.title,
        date: form.date!,
        time: form.time,
        format: form.format,
        capacity: form.capacity === '' ? null : Number(form.capacity),
        place: form.place,
        note: form.note,
      });
      onSaved(r.id);
    } catch (err) {
      const f = fieldErrors(err);
      setErrors(Object.keys(f).length ? f : { form: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={() => !busy && onClose()} title={seminar ? 'Семинар' : 'Новый семинар'} data-testid="seminar-form" size="lg">
      <Stack gap="xs">
        <TextInput label="Тема" required value={form.title} onChange={(e) => set('title', e.currentTarget.value)} error={errors.title} data-autofocus data-testid="seminar-title" maxLength={300} />
        <Group grow align="flex-start">
          <DateField label="Дата" required value={form.date} onChange={(v) => set('date', v)} error={errors.date} data-testid="seminar-date" />
          <TextInput label="Время" required value={form.time} onChange={(e) => set('time', e.currentTarget.value)} error={errors.time} placeholder="10:00" data-testid="seminar-time" />
          <NumberInput label="Мест" value={form.capacity} onChange={(v) => set('capacity', v)} error={errors.capacity} min={1} allowDecimal={false} placeholder="без ограничения" data-testid="seminar-capacity" />
        </Group>
        <SegmentedControl
          value={form.format}
          onChange={(v) => set('format', v as NssSeminarFormat)}
          data={(['online', 'offline'] as const).map((f) => ({ value: f, label: SEMINAR_FORMAT_TEXT[f] }))}
          data-testid="seminar-format"
        />
        <TextInput label="Место или ссылка" value={form.place} onChange={(e) => set('place', e.currentTarget.value)} error={errors.place} maxLength={300} />
        <Textarea label="Примечание" value={form.note} onChange={(e) => set('note', e.currentTarget.value)} autosize minRows={2} maxLength={2000} />
        {errors.form && <div style={{ color: 'var(--mantine-color-red-7)', fontSize: 14 }}>{errors.form}</div>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy} data-testid="seminar-cancel">
            Отмена
          </Button>
          <Button loading={busy} onClick={() => void submit()} data-testid="seminar-save">
            Сохранить
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
