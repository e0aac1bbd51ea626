// The document card (#/documents/<id>): its facts, the contract's specifications and distributions, return mark, edit and print.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconArrowBackUp, IconArrowLeft, IconCircleCheck, IconPencil, IconPrinter } from '@tabler/icons-react';
import { CONTRACT_FORM_LABELS, DOCUMENT_TYPE_LABELS, RETURN_VIA_LABELS, updStatus, type DocumentCard } from '../../../src-shared/doc-types';
import { DOC_EDITORS } from '../../../src-shared/api/documents';
import { formatDate, formatMoney } from '../../../src-shared/format';
import { call, onPush } from '../../api/transport';
import { errorText } from '../../api/messages';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { fmtDateTime, todayIso } from '../clients/card/format';
import { ReturnStateBadge, StatusBadge } from './DocBadges';
import { DocumentRow, DocumentsTableHead, type RowActions } from './DocumentRows';
import { DocumentFormDialog } from './form/DocumentForm';
import type { FormMode } from './form/formModel';
import { PrintDialog, withSpecifications, type PrintRequest } from './print/PrintDialog';
import { ReturnDialog, confirmUnmark } from './ReturnDialog';
import type { DocumentListItem } from '../../../src-shared/doc-types';
import { KitLabel } from '../../components/systems';
import { EdoSection } from '../edo/EdoSection';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children || '—'}</Text>
    </Stack>
  );
}

const VAT_TEXT = (d: DocumentCard) => (d.vatMode === 'none' ? 'без НДС' : `${d.vatMode === 'included' ? 'в т. ч.' : 'плюс'} НДС ${d.vatRate} %: ${formatMoney(d.vatKop)}`);

export function DocumentScreen({ id }: { id: number }) {
  const { hasRole } = useSession();
  const canEdit = hasRole(...DOC_EDITORS);
  const [d, setD] = useState<DocumentCard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState<FormMode | null>(null);
  const [returning, setReturning] = useState<DocumentListItem | null>(null);
  const [printing, setPrinting] = useState<PrintRequest | null>(null);
  const today = todayIso();

  const reload = useCallback(async () => {
    try {
      setD(await call('documents.get', { id }));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [id]);
  const clientId = d?.clientId;
  // An ЭДО change (signing marks the return) reloads the card; a pending reload is enough for a burst of them.
  const reloadQuietly = useCallback(() => void reload(), [reload]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(
    () =>
      onPush((event, data) => {
        if (event === 'client.changed' && (data as { clientId: number }).clientId === clientId) void reload();
      }),
    [reload, clientId],
  );
  useHotkeys([['Escape', () => !document.querySelector('[role="dialog"]') && window.history.back()]]);

  if (!d)
    return error ? (
      <Alert color="red" title="Документ не открылся" maw={600}>
        {error}
      </Alert>
    ) : (
      <Center h="50vh">
        <Loader />
      </Center>
    );

  const actions: RowActions = {
    canEdit,
    onEdit: (x) => setForm({ kind: 'edit', id: x.id }),
    onReturn: setReturning,
    onUnmark: (x) => confirmUnmark(x, () => void reload()),
    onPrint: (x) => setPrinting({ candidates: [d, ...d.children], selected: withSpecifications(x, [d, ...d.children]) }),
  };
  const returned = d.returnedAt != null;

  return (
    <Stack gap="sm" data-testid="document-screen" data-doc-id={d.id}>
      <Paper withBorder p="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Button size="xs" variant="subtle" color="gray" leftSection={<IconArrowLeft size={14} />} onClick={() => window.history.back()}>
              Назад
            </Button>
            <Title order={3}>
              {DOCUMENT_TYPE_LABELS[d.type]} № {d.number} от {formatDate(d.date)}
            </Title>
            <StatusBadge status={d.status} type={d.type} />
            {d.returnState !== 'not_tracked' && <ReturnStateBadge d={d} today={today} />}
          </Group>
          <Group gap="xs" wrap="nowrap">
            {canEdit && d.status === 'issued' && !returned && d.plannedReturn && (
              <Button size="xs" color="green" variant="light" leftSection={<IconCircleCheck size={14} />} onClick={() => setReturning(d)} data-testid="doc-return">
                Вернули подписанным
              </Button>
            )}
            {canEdit && returned && (
              <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={14} />} onClick={() => actions.onUnmark(d)} data-testid="doc-unmark">
                Снять отметку
              </Button>
            )}
            <Button size="xs" variant="default" leftSection={<IconPrinter size={14} />} onClick={() => actions.onPrint(d)} data-testid="doc-print">
              Печать
            </Button>
            {canEdit && (
              <Button size="xs" leftSection={<IconPencil size={14} />} onClick={() => setForm({ kind: 'edit', id: d.id })} data-testid="doc-edit">
                Изменить
              </Button>
            )}
          </Group>
        </Group>
        <SimpleGrid cols={4} spacing="sm" verticalSpacing={6} mt="sm">
          <Fact label="Клиент">
            <Anchor size="sm" onClick={() => navigate(`/clients/${d.clientId}/documents`)}>
              {d.clientName}
            </Anchor>
          </Fact>
          <Fact label="Контрагент (на дату документа)">{d.counterparty.shortName ?? d.counterparty.fullName}</Fact>
          <Fact label="Договор">
            {d.parentId ? (
              <Anchor size="sm" onClick={() => navigate(`/documents/${d.parentId}`)}>
                № {d.parentNumber}
              </Anchor>
            ) : d.form ? (
              CONTRACT_FORM_LABELS[d.form]
            ) : null}
          </Fact>
          <Fact label="Сумма">{d.amountKop ? `${formatMoney(d.amountKop)} (${VAT_TEXT(d)})` : 'не указана'}</Fact>
          <Fact label="Вернуть подписанным до">{d.plannedReturn ? formatDate(d.plannedReturn) : 'не отслеживается'}</Fact>
          <Fact label="Возвращён">
            {returned
              ? d.returnedVia === 'edo'
                ? `Возвращён через ЭДО (подписан ${formatDate(d.returnedAt)})`
                : `${formatDate(d.returnedAt)} · ${d.returnedVia ? RETURN_VIA_LABELS[d.returnedVia] : ''}${d.returnedByName ? ` · ${d.returnedByName}` : ''}`
              : null}
          </Fact>
          <Fact label="СИО">{d.sio?.fullName}</Fact>
          <Fact label="Создан">{`${fmtDateTime(d.createdAt)}${d.createdBy ? ` · ${d.createdBy}` : ''}`}</Fact>
          {d.subject && <Fact label="Предмет / содержание">{d.subject}</Fact>}
          {(d.periodFrom || d.periodTo) && <Fact label="Период">{`${formatDate(d.periodFrom)} — ${formatDate(d.periodTo)}`}</Fact>}
          {d.agreementKind === 'counterparty_change' && (
            <Fact label="Смена контрагента">{`с ${formatDate(d.changeFrom)} на ${d.newCounterparty?.shortName ?? d.newCounterparty?.fullName ?? ''}`}</Fact>
          )}
          {d.type === 'upd' && (
            <Fact label="Статус УПД">{updStatus(d.vatMode) === 1 ? '1 — счёт-фактура и передаточный документ' : '2 — передаточный документ'}</Fact>
          )}
          {d.comment && <Fact label="Комментарий">{d.comment}</Fact>}
        </SimpleGrid>
      </Paper>

      <EdoSection doc={d} canEdit={canEdit} onChanged={reloadQuietly} />

      {d.type === 'specification' && (
        <Paper withBorder p="sm">
          <Title order={5} mb={4}>
            Дистрибутивы спецификации
          </Title>
          <Table fz="sm" verticalSpacing={3} withTableBorder>
            <Table.Tbody>
              {d.distributions.map((x) => (
                <Table.Tr key={x.distributionId}>
                  <Table.Td>
                    <KitLabel code={x.code} systemName={x.systemName} />
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{x.priceKop != null ? `${formatMoney(x.priceKop)} в месяц` : 'цена не указана'}</Table.Td>
                  <Table.Td>{!x.active && <Badge size="xs" color="gray" variant="outline" tt="none">не действует</Badge>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}

      {d.type === 'contract' && (
        <Paper withBorder p="sm">
          <Title order={5} mb={4}>
            Спецификации и соглашения
          </Title>
          {d.children.length === 0 ? (
            <Text size="sm" c="dimmed">
              К договору ещё нет документов. Спецификацию добавляют в карточке клиента, вкладка «Документы».
            </Text>
          ) : (
            <Table fz="sm" verticalSpacing={3} layout="fixed" striped>
              <DocumentsTableHead />
              <Table.Tbody>
                {d.children.map((c) => (
                  <DocumentRow key={c.id} d={c} dists={d.distributionMap.filter((m) => m.specificationId === c.id).map((m) => m.code)} today={today} child={false} actions={actions} />
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}

      <DocumentFormDialog clientId={d.clientId} mode={form} onClose={() => setForm(null)} onSaved={() => void reload()} />
      <ReturnDialog doc={returning} onClose={() => setReturning(null)} onDone={() => void reload()} />
      <PrintDialog request={printing} onClose={() => setPrinting(null)} />
    </Stack>
  );
}
