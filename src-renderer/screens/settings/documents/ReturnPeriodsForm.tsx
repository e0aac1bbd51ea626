// Return periods per document type (N days, end of the document's month, end of the next month, not tracked); saving tells how many documents were recomputed.
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Loader, NumberInput, Select, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { DOCUMENT_TYPES, DOCUMENT_TYPE_LABELS, type DocumentType, type ReturnPeriod, type ReturnPeriodKind } from '../../../../src-shared/doc-types';
import { plural } from '../../../../src-shared/format';
import { call } from '../../../api/transport';
import { errorText, fieldErrors } from '../../../api/messages';

const KIND_LABELS: Record<ReturnPeriodKind, string> = {
  days: 'Через N дней после даты документа',
  month_end: 'До конца месяца документа',
  next_month_end: 'До конца следующего месяца',
  none: 'Возврат не отслеживается',
};

type Periods = Record<DocumentType, ReturnPeriod>;

function daysError(p: ReturnPeriod): string | null {
  if (p.kind !== 'days') return null;
  if (p.days == null) return 'Укажите число дней';
  if (!Number.isInteger(p.days) || p.days < 0 || p.days > 366) return 'От 0 до 366 дней';
  return null;
}

/** What the rule gives for an example date, so the effect of a choice is visible before saving. */
function example(p: ReturnPeriod): string {
  switch (p.kind) {
    case 'days':
      return p.days == null ? '' : `документ от 27.11.2026 — вернуть до ${new Date(Date.UTC(2026, 10, 27 + p.days)).toISOString().slice(0, 10).split('-').reverse().join('.')}`;
    case 'month_end':
      return 'документ от 27.11.2026 — вернуть до 30.11.2026';
    case 'next_month_end':
      return 'документ от 27.11.2026 — вернуть до 31.12.2026';
    case 'none':
      return '';
  }
}

export function ReturnPeriodsForm({ canEdit }: { canEdit: boolean }) {
  const [saved, setSaved] = useState<Periods | null>(null);
  const [periods, setPeriods] = useState<Periods | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('settings.returnPeriods.get', {})
      .then((p) => {
        setSaved(p);
        setPeriods(p);
      })
      .catch(setError);
  }, []);

  if (!periods || !saved) return error ? <Alert color="red">{errorText(error)}</Alert> : <Loader size="sm" />;

  const set = (t: DocumentType, p: Partial<ReturnPeriod>) => setPeriods({ ...periods, [t]: { ...periods[t], ...p } });
  const errors = Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, daysError(periods[t])])) as Record<DocumentType, string | null>;
  const server = fieldErrors(error);
  const dirty = JSON.stringify(periods) !== JSON.stringify(saved);

  const save = async () => {
    if (Object.values(errors).some(Boolean)) {
      notifications.show({ color: 'red', message: 'Исправьте поля, отмеченные красным: ничего не сохранено' });
      return;
    }
    setBusy(true);
    try {
      const r = await call('settings.returnPeriods.save', {
        periods: DOCUMENT_TYPES.map((type) => ({ type, kind: periods[type].kind, days: periods[type].kind === 'days' ? periods[type].days : null })),
      });
      setSaved(periods);
      setError(null);
      notifications.show({
        color: 'green',
        autoClose: 8000,
        message:
          r.recomputed > 0
            ? `Сроки сохранены. Плановая дата возврата пересчитана у ${r.recomputed} ${plural(r.recomputed, 'документа', 'документов', 'документов')}, ещё не возвращённых`
            : 'Сроки сохранены. Пересчитывать было нечего: невозвращённых документов этих типов нет или их даты не изменились',
      });
    } catch (err) {
      setError(err);
      notifications.show({ color: 'red', message: `Не сохранено: ${errorText(err)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        Плановая дата возврата подписанного оригинала = дата документа + срок его типа. При сохранении новые сроки применяются ко всем ещё не возвращённым
        документам; уже возвращённые сохраняют прежнюю оценку («в срок» или «с опозданием»).
      </Text>
      <Table fz="sm" verticalSpacing={4} withTableBorder data-testid="return-periods">
        <Table.Thead>
          <Table.Tr bg="gray.0">
            <Table.Th w={230}>Тип документа</Table.Th>
            <Table.Th w={320}>Срок возврата</Table.Th>
            <Table.Th w={130}>Дней</Table.Th>
            <Table.Th>Пример</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {DOCUMENT_TYPES.map((t, i) => (
            <Table.Tr key={t} data-testid={`period-${t}`}>
              <Table.Td>{DOCUMENT_TYPE_LABELS[t]}</Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  data={(Object.keys(KIND_LABELS) as ReturnPeriodKind[]).map((k) => ({ value: k, label: KIND_LABELS[k] }))}
                  value={periods[t].kind}
                  onChange={(k) => k && set(t, { kind: k as ReturnPeriodKind, days: k === 'days' ? (periods[t].days ?? 10) : null })}
                  allowDeselect={false}
                  disabled={!canEdit}
                  aria-label={`Срок: ${DOCUMENT_TYPE_LABELS[t]}`}
                  data-testid={`period-kind-${t}`}
                />
              </Table.Td>
              <Table.Td>
                {periods[t].kind === 'days' && (
                  <NumberInput
                    size="xs"
                    min={0}
                    max={366}
                    allowDecimal={false}
                    value={periods[t].days ?? ''}
                    onChange={(v) => set(t, { days: typeof v === 'number' ? v : null })}
                    error={errors[t] ?? server[`periods.${i}.days`]}
                    disabled={!canEdit}
                    aria-label={`Дней: ${DOCUMENT_TYPE_LABELS[t]}`}
                    data-testid={`period-days-${t}`}
                  />
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {example(periods[t])}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canEdit ? (
        <Group justify="flex-end" mt="sm" gap="xs">
          <Button variant="default" disabled={!dirty || busy} onClick={() => setPeriods(saved)}>
            Отменить изменения
          </Button>
          <Button onClick={() => void save()} loading={busy} disabled={!dirty} data-testid="periods-save">
            Сохранить сроки
          </Button>
        </Group>
      ) : (
        <Text size="xs" c="dimmed" mt="sm">
          Сроки меняют руководитель или администратор.
        </Text>
      )}
    </>
  );
}
