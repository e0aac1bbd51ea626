// The fields of the document form, by type: contract form, the contract of a specification or agreement, distributions, period, amount and VAT, signers.
import { useEffect, useState } from 'react';
import { Button, Checkbox, Grid, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { CONTRACT_FORMS, CONTRACT_FORM_LABELS, VAT_RATES, isBillingType, updStatus, type DocumentCard, type VatMode } from '../../../../src-shared/doc-types';
import { formatDate, formatMoney } from '../../../../src-shared/format';
import { call } from '../../../api/transport';
import { useSession } from '../../../app/session';
import { DateField } from '../../../components/DateField';
import type { FormApi } from '../../clients/card/useForm';
import { DOCUMENT_STATUS_LABELS } from '../DocBadges';
import { moneyInput, parseMoney } from '../docUi';
import { CounterpartyChangeFields } from './CounterpartyChangeFields';
import type { FormContext } from './DocumentForm';
import { emptyLine, linesNet, specNet, type FormValues } from './formModel';
import { LinesField } from './LinesField';
import { SpecDistributionsField } from './SpecDistributionsField';

const VAT_MODE_OPTIONS: { value: VatMode; label: string }[] = [
  { value: 'none', label: 'Без НДС' },
  { value: 'included', label: 'НДС в том числе' },
  { value: 'on_top', label: 'НДС сверху' },
];

/** The amount with VAT as the server will compute it (rounded to kopecks the same way: the VAT part is rounded). */
function withVat(net: number, mode: VatMode, rate: number): number {
  return mode === 'on_top' ? net + Math.round((net * rate) / 100) : net;
}

function useParentMap(parentId: string | null, enabled: boolean): DocumentCard['distributionMap'] {
  const [map, setMap] = useState<DocumentCard['distributionMap']>([]);
  useEffect(() => {
    if (!enabled || !parentId) return setMap([]);
    let alive = true;
    call('documents.get', { id: Number(parentId) })
      .then((c) => alive && setMap(c.distributionMap))
      .catch(() => alive && setMap([]));
    return () => {
      alive = false;
    };
  }, [parentId, enabled]);
  return map;
}

function useNextNumber(ctx: FormContext, date: string | null, isNew: boolean): string | null {
  const [num, setNum] = useState<string | null>(null);
  useEffect(() => {
    if (!isNew || !date) return setNum(null);
    let alive = true;
    call('documents.nextNumber', { type: ctx.type, date })
      .then((r) => alive && setNum(r.number))
      .catch(() => alive && setNum(null));
    return () => {
      alive = false;
    };
  }, [ctx.type, date, isNew]);
  return num;
}

export function DocumentFields({ ctx, form, isNew }: { ctx: FormContext; form: FormApi<FormValues>; isNew: boolean }) {
  const { refs } = useSession();
  const v = form.values;
  const t = ctx.type;
  const map = useParentMap(v.parentId, t === 'specification');
  const next = useNextNumber(ctx, v.date, isNew);
  const contractOptions = ctx.contracts
    .filter((c) => c.status !== 'cancelled' || String(c.id) === v.parentId)
    .map((c) => ({ value: String(c.id), label: `№ ${c.number} от ${formatDate(c.date)}` }));
  const sioOptions = (refs?.employees ?? []).filter((e) => e.active && e.roles.includes('sio')).map((e) => ({ value: String(e.id), label: e.fullName }));
  const signerOptions = ctx.signers.map((s) => ({ value: s.code, label: `${s.name || 'без ФИО'}, ${s.position}` }));
  const billing = isBillingType(t);
  const byLines = billing && v.lines.length > 0;
  const net = t === 'specification' ? specNet(v) : byLines ? linesNet(v) : parseMoney(v.amount).kop;
  const rate = Number(v.vatRate);
  // Prices (of a specification, of lines) are before VAT added on top; a single amount is what the client pays.
  const total = net == null ? null : t === 'specification' || byLines ? withVat(net, v.vatMode, rate) : net;
  const toLines = () => {
    // The amount typed so far becomes the first line's price (not with VAT on top: a price there is before VAT).
    form.set('lines', [{ ...emptyLine(), name: v.subject.trim().slice(0, 500), price: v.vatMode === 'on_top' ? '' : v.amount }]);
    form.set('amount', '');
  };
  // A счёт-фактура is issued only with VAT: «Без НДС» is not offered for it.
  const vatOptions = t === 'invoice_factura' ? VAT_MODE_OPTIONS.filter((o) => o.value !== 'none') : VAT_MODE_OPTIONS;

  return (
    <Stack gap="xs">
      <Grid gap="sm">
        <Grid.Col span={3}>
          <DateField size="xs" label="Дата документа" required value={v.date} onChange={(d) => form.set('date', d)} error={form.error('date')} data-testid="doc-date" />
        </Grid.Col>
        <Grid.Col span={3}>
          <TextInput size="xs" label={isNew ? 'Номер (присвоится при сохранении)' : 'Номер'} readOnly value={ctx.card?.number ?? next ?? ''} data-testid="doc-number" />
        </Grid.Col>
        <Grid.Col span={6}>
          {t === 'contract' ? (
            <Stack gap={2}>
              <Text size="xs" fw={500}>
                Форма договора
              </Text>
              <SegmentedControl
                size="xs"
                value={v.form}
                onChange={(f) => form.set('form', f as FormValues['form'])}
                data={CONTRACT_FORMS.map((f) => ({ value: f, label: CONTRACT_FORM_LABELS[f] }))}
                data-testid="doc-form"
              />
            </Stack>
          ) : (
            <Select
              size="xs"
              label="Договор"
              required={t === 'specification' || t === 'additional_agreement'}
              clearable={billing}
              placeholder={contractOptions.length ? 'Выберите договор' : 'У клиента нет договоров: сначала создайте договор'}
              data={contractOptions}
              value={v.parentId}
              onChange={(p) => form.set('parentId', p)}
              disabled={!isNew}
              error={form.error('parentId')}
              data-testid="doc-parent"
              comboboxProps={{ withinPortal: true }}
            />
          )}
        </Grid.Col>
      </Grid>

      {t === 'specification' && (
        <SpecDistributionsField
          distributions={ctx.client.distributions}
          map={map}
          specId={ctx.card?.id ?? null}
          value={v.dists}
          onChange={(d) => form.set('dists', d)}
          error={form.error}
        />
      )}

      {t === 'additional_agreement' && (
        <>
          {isNew ? (
            <SegmentedControl
              size="xs"
              value={v.agreementKind}
              onChange={(k) => form.set('agreementKind', k as FormValues['agreementKind'])}
              data={[
                { value: 'general', label: 'Изменение условий' },
                { value: 'counterparty_change', label: 'Смена контрагента с даты' },
              ]}
              data-testid="doc-agreement-kind"
            />
          ) : (
            ctx.card?.agreementKind === 'counterparty_change' && (
              <Text size="sm">
                Смена контрагента с {formatDate(ctx.card.changeFrom)} на {ctx.card.newCounterparty?.shortName ?? ctx.card.newCounterparty?.fullName}
              </Text>
            )
          )}
          {isNew && v.agreementKind === 'counterparty_change' && <CounterpartyChangeFields form={form} current={ctx.client.counterparty} />}
        </>
      )}

      {billing && (
        <Grid gap="sm">
          <Grid.Col span={3}>
            <DateField size="xs" label="Период с" value={v.periodFrom} onChange={(d) => form.set('periodFrom', d)} error={form.error('periodFrom')} data-testid="doc-periodFrom" />
          </Grid.Col>
          <Grid.Col span={3}>
            <DateField size="xs" label="по" value={v.periodTo} onChange={(d) => form.set('periodTo', d)} error={form.error('periodTo')} data-testid="doc-periodTo" />
          </Grid.Col>
        </Grid>
      )}

      {/* A billing document by lines prints its lines: the one service's name is then not used (it went into line 1). */}
      {!byLines && (
        <Textarea
          size="xs"
          label={t === 'additional_agreement' ? 'Содержание соглашения' : billing ? 'Наименование услуги' : 'Предмет / примечание для печати'}
          placeholder={billing ? 'Информационные услуги с использованием экземпляров Систем КонсультантПлюс за …' : undefined}
          autosize
          minRows={1}
          maxRows={4}
          value={v.subject}
          onChange={(e) => form.set('subject', e.currentTarget.value)}
          error={form.error('subject')}
          data-testid="doc-subject"
        />
      )}

      {byLines && (
        <LinesField
          lines={v.lines}
          onChange={(l) => form.set('lines', l)}
          error={form.error}
          onBackToAmount={(kop) => {
            // One amount is what the client pays: with VAT on top the line's price gets its VAT.
            form.set('lines', []);
            form.set('amount', kop == null ? '' : moneyInput(withVat(kop, v.vatMode, rate)));
          }}
        />
      )}

      {/* Top-aligned: a message under the amount must not push the VAT field out of line. */}
      <Grid gap="sm" align="flex-start">
        {t !== 'specification' && !byLines && (
          <Grid.Col span={3}>
            <TextInput
              size="xs"
              label={t === 'contract' ? 'Сумма к оплате, ₽ (рамочный — пусто)' : 'Сумма к оплате, ₽'}
              placeholder="0,00"
              value={v.amount}
              onChange={(e) => form.set('amount', e.currentTarget.value)}
              error={form.error('amount')}
              styles={{ input: { textAlign: 'right' } }}
              data-testid="doc-amount"
            />
            {billing && (
              <Button size="compact-xs" variant="subtle" mt={4} onClick={toLines} data-testid="doc-to-lines" title="Несколько услуг: количество × цена по строкам">
                Построчно…
              </Button>
            )}
          </Grid.Col>
        )}
        <Grid.Col span={3}>
          <Select
            size="xs"
            label="НДС"
            data={vatOptions}
            value={v.vatMode}
            onChange={(m) => m && form.set('vatMode', m as VatMode)}
            allowDeselect={false}
            error={form.error('vatMode')}
            description={t === 'upd' ? `Статус УПД: ${updStatus(v.vatMode) === 1 ? '1 — счёт-фактура и передаточный документ' : '2 — только передаточный документ'}` : undefined}
            data-testid="doc-vat"
          />
        </Grid.Col>
        {v.vatMode !== 'none' && (
          <Grid.Col span={2}>
            <Select
              size="xs"
              label="Ставка"
              data={VAT_RATES.map((r) => ({ value: String(r), label: `${r} %` }))}
              value={v.vatRate}
              onChange={(r) => r && form.set('vatRate', r)}
              allowDeselect={false}
              error={form.error('vatRate')}
            />
          </Grid.Col>
        )}
        <Grid.Col span="auto">
          {total != null && (
            <Text size="sm" ta="right" mt={26} data-testid="doc-total">
              {t === 'specification' ? 'Итого в месяц' : 'Итого'}: <b>{formatMoney(total)}</b>
              {v.vatMode !== 'none' && ` (${v.vatMode === 'included' ? 'в т. ч.' : 'плюс'} НДС ${rate} %)`}
            </Text>
          )}
        </Grid.Col>
      </Grid>

      <Grid gap="sm">
        <Grid.Col span={5}>
          <Select
            size="xs"
            label="Подписывает от РИЦ"
            placeholder={signerOptions.length ? 'Первый подписант из настроек' : 'Подписанты не заданы: Настройки → Документы'}
            data={signerOptions}
            value={v.signerCode}
            onChange={(s) => form.set('signerCode', s)}
            clearable
            error={form.error('signerCode')}
            comboboxProps={{ withinPortal: true }}
          />
        </Grid.Col>
        <Grid.Col span={4}>
          <Select
            size="xs"
            label="СИО (возвращает оригинал)"
            placeholder={ctx.client.client.sio ? `СИО клиента: ${ctx.client.client.sio.fullName}` : 'СИО клиента'}
            data={sioOptions}
            value={v.sioId}
            onChange={(s) => form.set('sioId', s)}
            clearable
            searchable
            error={form.error('sioId')}
            comboboxProps={{ withinPortal: true }}
          />
        </Grid.Col>
        <Grid.Col span={3}>
          {isNew ? (
            <Checkbox
              mt={24}
              size="xs"
              label="Черновик (возврат не отслеживается)"
              checked={v.status === 'draft'}
              onChange={(e) => form.set('status', e.currentTarget.checked ? 'draft' : 'issued')}
              data-testid="doc-draft"
            />
          ) : (
            <Select
              size="xs"
              label="Статус"
              data={(['draft', 'issued', 'cancelled'] as const).map((s) => ({ value: s, label: DOCUMENT_STATUS_LABELS[s] }))}
              value={v.status}
              onChange={(s) => s && form.set('status', s as FormValues['status'])}
              allowDeselect={false}
              error={form.error('status')}
              data-testid="doc-status-select"
            />
          )}
        </Grid.Col>
      </Grid>
      <Textarea size="xs" label="Комментарий (не печатается)" autosize minRows={1} maxRows={3} value={v.comment} onChange={(e) => form.set('comment', e.currentTarget.value)} />
    </Stack>
  );
}
