// The РИЦ's own requisites (the executor in every document) and its signers, checked as they are typed (ИНН, КПП, ОГРН, БИК with the accounts).
import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Button, Divider, Grid, Group, Loader, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { OurRequisites, OurSigner } from '../../../../src-shared/doc-types';
import { call } from '../../../api/transport';
import { errorText } from '../../../api/messages';
import { useSession } from '../../../app/session';
import { useForm } from '../../clients/card/useForm';
import { accountError, bikError, compact, emailError, innError, kppError, ogrnError, REQUIRED, required, type Errors } from '../../clients/card/validators';

const TEXT_FIELDS = ['fullName', 'shortName', 'inn', 'kpp', 'ogrn', 'legalAddress', 'postalAddress', 'phone', 'email', 'bankName', 'bik', 'corrAccount', 'account', 'city', 'chiefAccountant'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
type Values = Record<TextField, string> & { signers: OurSigner[] };

const CODE = /^[a-z0-9_-]{1,50}$/;

function fromSaved(r: OurRequisites): Values {
  const v = Object.fromEntries(TEXT_FIELDS.map((f) => [f, r[f] ?? ''])) as Record<TextField, string>;
  return { ...v, signers: r.signers.length ? r.signers : [{ code: 'director', name: '', position: 'Генеральный директор', basis: 'Устава', employeeId: null }] };
}

function validate(v: Values): Errors {
  const bikBad = bikError(v.bik);
  const e: Record<string, string | null> = {
    fullName: required(v.fullName),
    inn: innError(v.inn),
    kpp: kppError(v.kpp),
    ogrn: ogrnError(v.ogrn),
    email: v.email.trim() ? emailError(v.email) : null,
    bik: bikBad ?? (!v.bik.trim() && (v.account.trim() || v.corrAccount.trim()) ? 'Укажите БИК банка: счета проверяются вместе с ним' : null),
    corrAccount: bikBad ? null : accountError('corrAccount', v.corrAccount, v.bik),
    account: bikBad ? null : accountError('account', v.account, v.bik),
    signers: v.signers.length === 0 ? 'Нужен хотя бы один подписант' : null,
  };
  const seen = new Set<string>();
  v.signers.forEach((s, i) => {
    e[`signers.${i}.code`] = !CODE.test(s.code) ? 'Код: латинские строчные буквы, цифры, «-» и «_»' : seen.has(s.code) ? 'Такой код уже есть' : null;
    seen.add(s.code);
    e[`signers.${i}.position`] = s.position.trim() ? null : REQUIRED;
    e[`signers.${i}.basis`] = s.basis.trim() ? null : REQUIRED;
  });
  return compact(e);
}

export function OurRequisitesForm({ canEdit }: { canEdit: boolean }) {
  const [initial, setInitial] = useState<Values | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('settings.ourRequisites.get', {})
      .then((r) => setInitial(fromSaved(r)))
      .catch((err) => setError(errorText(err)));
  }, []);
  if (!initial) return error ? <Alert color="red">{error}</Alert> : <Loader size="sm" />;
  return <RequisitesBody initial={initial} canEdit={canEdit} />;
}

function RequisitesBody({ initial, canEdit }: { initial: Values; canEdit: boolean }) {
  const { refs } = useSession();
  const form = useForm<Values>(initial, {
    validate,
    save: async (v) => {
      const t = (s: string) => s.trim() || null;
      await call('settings.ourRequisites.save', {
        ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f, t(v[f])])) as Record<TextField, string | null>),
        fullName: v.fullName.trim(),
        kpp: t(v.kpp.toUpperCase()),
        signers: v.signers.map((s) => ({ ...s, code: s.code.trim(), name: s.name.trim() })),
      });
      notifications.show({ color: 'green', message: 'Наши реквизиты сохранены: их напечатают все новые документы' });
      form.reset(v);
    },
  });
  const v = form.values;
  const field = (key: TextField, label: string, extra: Partial<React.ComponentProps<typeof TextInput>> = {}) => (
    <TextInput size="xs" label={label} value={v[key]} onChange={(e) => form.set(key, e.currentTarget.value)} error={form.error(key)} readOnly={!canEdit} data-testid={`our-${key}`} {...extra} />
  );
  const setSigner = (i: number, patch: Partial<OurSigner>) => form.set('signers', v.signers.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const people = (refs?.employees ?? []).filter((e) => e.active).map((e) => ({ value: String(e.id), label: e.fullName }));

  return (
    <Stack gap="xs" maw={1100} onKeyDown={form.onKeyDown} data-testid="our-requisites">
      <Grid gap="sm">
        <Grid.Col span={8}>{field('fullName', 'Полное наименование', { required: true })}</Grid.Col>
        <Grid.Col span={4}>{field('shortName', 'Краткое наименование')}</Grid.Col>
        <Grid.Col span={3}>{field('inn', 'ИНН', { maxLength: 12 })}</Grid.Col>
        <Grid.Col span={3}>{field('kpp', 'КПП', { maxLength: 9 })}</Grid.Col>
        <Grid.Col span={3}>{field('ogrn', 'ОГРН / ОГРНИП', { maxLength: 15 })}</Grid.Col>
        <Grid.Col span={3}>{field('city', 'Город в шапке договора', { placeholder: 'Владивосток' })}</Grid.Col>
        <Grid.Col span={6}>{field('legalAddress', 'Юридический адрес')}</Grid.Col>
        <Grid.Col span={6}>{field('postalAddress', 'Почтовый адрес')}</Grid.Col>
        <Grid.Col span={3}>{field('phone', 'Телефон')}</Grid.Col>
        <Grid.Col span={3}>{field('email', 'E-mail')}</Grid.Col>
        <Grid.Col span={6}>{field('chiefAccountant', 'Главный бухгалтер (ФИО)')}</Grid.Col>
        <Grid.Col span={6}>{field('bankName', 'Банк')}</Grid.Col>
        <Grid.Col span={2}>{field('bik', 'БИК', { maxLength: 9 })}</Grid.Col>
        <Grid.Col span={2}>{field('corrAccount', 'Корр. счёт', { maxLength: 20 })}</Grid.Col>
        <Grid.Col span={2}>{field('account', 'Расчётный счёт', { maxLength: 20 })}</Grid.Col>
      </Grid>
      <Divider label="Подписанты от РИЦ (первый подписывает по умолчанию)" labelPosition="left" mt="xs" />
      {form.error('signers') && (
        <Text size="xs" c="red">
          {form.error('signers')}
        </Text>
      )}
      <Table fz="sm" verticalSpacing={3} withTableBorder data-testid="our-signers">
        <Table.Thead>
          <Table.Tr bg="gray.0">
            <Table.Th w={130}>Код</Table.Th>
            <Table.Th>ФИО</Table.Th>
            <Table.Th w={200}>Должность</Table.Th>
            <Table.Th w={230}>Действует на основании (кого? чего?)</Table.Th>
            <Table.Th w={200}>Сотрудник в CRM</Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {v.signers.map((s, i) => (
            <Table.Tr key={i} style={{ verticalAlign: 'top' }}>
              <Table.Td>
                <TextInput size="xs" value={s.code} onChange={(e) => setSigner(i, { code: e.currentTarget.value })} error={form.error(`signers.${i}.code`)} readOnly={!canEdit} aria-label="Код подписанта" />
              </Table.Td>
              <Table.Td>
                <TextInput size="xs" value={s.name} onChange={(e) => setSigner(i, { name: e.currentTarget.value })} readOnly={!canEdit} aria-label="ФИО подписанта" />
              </Table.Td>
              <Table.Td>
                <TextInput size="xs" value={s.position} onChange={(e) => setSigner(i, { position: e.currentTarget.value })} error={form.error(`signers.${i}.position`)} readOnly={!canEdit} aria-label="Должность" />
              </Table.Td>
              <Table.Td>
                <TextInput size="xs" placeholder="Устава" value={s.basis} onChange={(e) => setSigner(i, { basis: e.currentTarget.value })} error={form.error(`signers.${i}.basis`)} readOnly={!canEdit} aria-label="Основание" />
              </Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  data={people}
                  value={s.employeeId != null ? String(s.employeeId) : null}
                  onChange={(x) => setSigner(i, { employeeId: x ? Number(x) : null })}
                  clearable
                  searchable
                  disabled={!canEdit}
                  error={form.error(`signers.${i}.employeeId`)}
                  aria-label="Сотрудник"
                  comboboxProps={{ withinPortal: true }}
                />
              </Table.Td>
              <Table.Td>
                {canEdit && v.signers.length > 1 && (
                  <Tooltip label="Убрать подписанта">
                    <ActionIcon variant="subtle" color="red" onClick={() => form.set('signers', v.signers.filter((_, j) => j !== i))} aria-label="Убрать подписанта">
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canEdit ? (
        <Group justify="space-between">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlus size={14} />}
            onClick={() => form.set('signers', [...v.signers, { code: `signer${v.signers.length + 1}`, name: '', position: '', basis: '', employeeId: null }])}
          >
            Добавить подписанта
          </Button>
          <Group gap="xs">
            <Button variant="default" disabled={!form.dirty} onClick={() => form.reset(initial)}>
              Отменить изменения
            </Button>
            <Button onClick={() => void form.submit()} loading={form.busy} disabled={!form.dirty} data-testid="our-save">
              Сохранить реквизиты
            </Button>
          </Group>
        </Group>
      ) : (
        <Text size="xs" c="dimmed">
          Реквизиты меняют руководитель или администратор.
        </Text>
      )}
    </Stack>
  );
}
