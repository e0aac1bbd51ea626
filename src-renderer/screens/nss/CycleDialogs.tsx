// Dialogs of НСС cycles: a new cycle (by hand or proposed from a specification), renewal with its end date, «Не продлён» with a reason.
import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { DateField } from '../../components/DateField';
import { dateError } from '../../components/dateText';
import { formatDate } from '../../../src-shared/format';
import type { NssCycle } from '../../../src-shared/nss';
import type { NssCycleProposal } from '../../../src-shared/nss-service';

interface Kit {
  id: number;
  kit: string;
}

/** A new cycle; `proposal` pre-fills it from a specification (nothing is saved until «Сохранить»). */
export function CycleForm({ clientId, kits, proposal, onClose, onSaved }: { clientId: number; kits: Kit[]; proposal: NssCycleProposal | null; onClose: () => void; onSaved: () => void }) {
  const [startsOn, setStartsOn] = useState<string | null>(proposal?.startsOn ?? null);
  const [endsOn, setEndsOn] = useState<string | null>(proposal?.endsOn ?? null);
  const [chosen, setChosen] = useState<Set<number>>(() => new Set(proposal?.distributions.map((d) => d.id) ?? []));
  const [comment, setComment] = useState(proposal ? `По спецификации № ${proposal.specificationNumber} от ${formatDate(proposal.specificationDate)}` : '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const all = [...kits, ...(proposal?.distributions ?? []).filter((d) => !kits.some((k) => k.id === d.id))];

  const submit = async () => {
    const e: Record<string, string> = {};
    const s = startsOn ? dateError(startsOn) : 'Укажите дату начала';
    const f = endsOn ? dateError(endsOn) : 'Укажите дату окончания';
    if (s) e.startsOn = s;
    if (f) e.endsOn = f;
    if (!s && !f && endsOn! <= startsOn!) e.endsOn = 'Окончание должно быть позже начала';
    if (Object.keys(e).length) return setErrors(e);
    setBusy(true);
    try {
      await call('nss.cycles.save', { clientId, startsOn: startsOn!, endsOn: endsOn!, distributionIds: [...chosen], specificationId: proposal?.specificationId ?? null, comment });
      onSaved();
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(Object.keys(fe).length ? fe : { form: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={() => !busy && onClose()} title={proposal ? 'Цикл по спецификации' : 'Новый цикл НСС'} data-testid="cycle-form" size="lg">
      <Stack gap="xs">
        <Group grow align="flex-start">
          <DateField label="Начало" required value={startsOn} onChange={(v) => (setStartsOn(v), setErrors({}))} error={errors.startsOn} data-testid="cycle-start" />
          <DateField label="Окончание" required value={endsOn} onChange={(v) => (setEndsOn(v), setErrors({}))} error={errors.endsOn} data-testid="cycle-end" />
        </Group>
        <Text size="sm" fw={500}>
          Комплекты
        </Text>
        {all.length === 0 && (
          <Text size="sm" c="dimmed">
            У клиента нет комплектов.
          </Text>
        )}
        {all.map((k) => (
          <Checkbox
            key={k.id}
            label={k.kit}
            checked={chosen.has(k.id)}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setChosen((c) => {
                const n = new Set(c);
                if (on) n.add(k.id);
                else n.delete(k.id);
                return n;
              });
            }}
            data-testid={`cycle-kit-${k.id}`}
          />
        ))}
        {errors.distributionIds && <Text size="sm" c="red">{errors.distributionIds}</Text>}
        {proposal && proposal.skipped.length > 0 && (
          <Text size="sm" c="dimmed">
            Не на НСС на дату спецификации: {proposal.skipped.map((k) => k.kit).join(', ')}
          </Text>
        )}
        <Textarea label="Комментарий" value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize minRows={2} maxLength={2000} />
        {errors.form && <Alert color="red">{errors.form}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy} data-testid="cycle-cancel">
            Отмена
          </Button>
          <Button loading={busy} onClick={() => void submit()} data-testid="cycle-save">
            Сохранить
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Picks a specification of the client and asks for a proposal. */
export function ProposeDialog({ clientId, onClose, onProposal }: { clientId: number; onClose: () => void; onProposal: (p: NssCycleProposal) => void }) {
  const [specs, setSpecs] = useState<{ value: string; label: string }[] | null>(null);
  const [spec, setSpec] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('nss.cycles.specifications', { clientId }).then(
      (list) => {
        setSpecs(list.map((s) => ({ value: String(s.id), label: `№ ${s.number} от ${formatDate(s.date)}` })));
        if (list.length) setSpec(String(list[0]!.id));
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, [clientId]);
  const submit = async () => {
    if (!spec) return setError('Выберите спецификацию');
    setBusy(true);
    try {
      onProposal(await call('nss.cycles.propose', { clientId, specificationId: Number(spec) }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={() => !busy && onClose()} title="Предложить цикл по спецификации" data-testid="cycle-propose">
      <Stack gap="xs">
        {specs && specs.length === 0 ? (
          <Text size="sm" c="dimmed">
            У клиента нет спецификаций.
          </Text>
        ) : (
          <Select label="Спецификация" data={specs ?? []} value={spec} onChange={(v) => (setSpec(v), setError(null))} error={error} data-testid="cycle-propose-spec" comboboxProps={{ withinPortal: true }} />
        )}
        <Text size="xs" c="dimmed">
          Начало — дата спецификации, окончание — через год без одного дня, комплекты — те из спецификации, что на НСС на её дату.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Отмена
          </Button>
          <Button loading={busy} onClick={() => void submit()} disabled={!spec} data-testid="cycle-propose-go">
            Предложить
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** «Продлить» (optional end date; by default as long as the old cycle) or «Не продлён…» (a reason). */
export function CycleActionDialog({ cycle, action, onClose, onDone }: { cycle: NssCycle; action: 'renew' | 'lapse'; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [endsOn, setEndsOn] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (action === 'lapse' && !reason.trim()) return setError('Укажите причину');
    if (action === 'renew' && endsOn && dateError(endsOn)) return setError(dateError(endsOn));
    setBusy(true);
    try {
      if (action === 'renew') await call('nss.cycles.renew', { id: cycle.id, endsOn: endsOn ?? null });
      else await call('nss.cycles.lapse', { id: cycle.id, reason: reason.trim() });
      onDone();
    } catch (err) {
      setError(fieldErrors(err).endsOn ?? errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const period = `${formatDate(cycle.startsOn)} – ${formatDate(cycle.endsOn)}`;
  return (
    <Modal opened onClose={() => !busy && onClose()} title={action === 'renew' ? 'Продлить цикл' : 'Цикл не продлён'} data-testid={`cycle-${action}-dialog`}>
      <Stack gap="xs">
        {action === 'renew' ? (
          <>
            <Text size="sm">Цикл {period} будет отмечен продлённым сегодня; следующий начнётся на следующий день после его окончания.</Text>
            <DateField label="Окончание следующего цикла" description="Пусто — такой же длины, как этот" value={endsOn} onChange={(v) => (setEndsOn(v), setError(null))} error={error} data-testid="cycle-renew-end" />
          </>
        ) : (
          <>
            <Text size="sm">Цикл {period} будет отмечен как не продлённый.</Text>
            <TextInput label="Причина" required value={reason} onChange={(e) => (setReason(e.currentTarget.value), setError(null))} error={error} data-autofocus maxLength={1000} data-testid="cycle-lapse-reason" />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Отмена
          </Button>
          <Button color={action === 'lapse' ? 'red' : undefined} loading={busy} onClick={() => void submit()} data-testid={`cycle-${action}-confirm`}>
            {action === 'renew' ? 'Продлить' : 'Отметить'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
