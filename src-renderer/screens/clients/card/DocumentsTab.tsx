// Tab «Документы» of the client card: documents grouped by contract (specifications with their distributions, agreements, invoices, acts, УПД, счета-фактуры) with return marks and print.
import { useCallback, useState } from 'react';
import { Alert, Button, Group, Menu, Paper, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconFilePlus, IconPlus, IconPrinter } from '@tabler/icons-react';
import type { DocumentListItem, DocumentType } from '../../../../src-shared/doc-types';
import { formatDate, formatMoney } from '../../../../src-shared/format';
import { DOC_EDITORS } from '../../../../src-shared/api/documents';
import { useSession } from '../../../app/session';
import { DocumentRow, DocumentsTableHead, type RowActions } from '../../documents/DocumentRows';
import { DocumentFormDialog } from '../../documents/form/DocumentForm';
import type { FormMode } from '../../documents/form/formModel';
import { PrintDialog, withSpecifications, type PrintRequest } from '../../documents/print/PrintDialog';
import { ReturnDialog, confirmUnmark } from '../../documents/ReturnDialog';
import { useClientDocuments, type ContractGroup } from '../../documents/useClientDocuments';
import { todayIso } from './format';
import { ClientEdoSetting } from '../../edo/ClientEdoSetting';

const CHILD_TYPES: { type: DocumentType; label: string }[] = [
  { type: 'specification', label: 'Спецификация' },
  { type: 'additional_agreement', label: 'Доп. соглашение' },
  { type: 'invoice', label: 'Счёт' },
  { type: 'act', label: 'Акт' },
  { type: 'upd', label: 'УПД' },
  { type: 'invoice_factura', label: 'Счёт-фактура' },
];

function ContractBlock({ g, today, actions, onNew }: { g: ContractGroup; today: string; actions: RowActions; onNew: (type: DocumentType, parentId: number) => void }) {
  const c = g.contract;
  const monthly = g.children.filter((d) => d.type === 'specification' && d.status === 'issued').reduce((s, d) => s + d.amountKop, 0);
  const distsOf = (specId: number) => g.distributionMap.filter((m) => m.specificationId === specId).map((m) => m.code);
  return (
    <Paper withBorder p={6} data-testid={`contract-${c.number}`}>
      <Group justify="space-between" px={4} pb={4} wrap="nowrap">
        <Text size="sm" c="dimmed">
          Договор № {c.number} от {formatDate(c.date)} · {c.counterpartyName}
          {monthly > 0 && ` · по спецификациям ${formatMoney(monthly)} в месяц`}
        </Text>
        <Group gap={4} wrap="nowrap">
          {actions.canEdit &&
            c.status !== 'cancelled' &&
            CHILD_TYPES.map((t) => (
              <Button key={t.type} size="compact-xs" variant="light" leftSection={<IconPlus size={12} />} onClick={() => onNew(t.type, c.id)} data-testid={`new-${t.type}-${c.number}`}>
                {t.label}
              </Button>
            ))}
          <Button size="compact-xs" variant="default" leftSection={<IconPrinter size={12} />} onClick={() => actions.onPrint(c)} data-testid={`print-contract-${c.number}`}>
            Печать
          </Button>
        </Group>
      </Group>
      <Table fz="sm" verticalSpacing={3} layout="fixed" striped>
        <DocumentsTableHead />
        <Table.Tbody>
          <DocumentRow d={c} dists={[]} today={today} child={false} actions={actions} />
          {g.children.map((d) => (
            <DocumentRow key={d.id} d={d} dists={d.type === 'specification' ? distsOf(d.id) : []} today={today} child actions={actions} />
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

export function DocumentsTab({ clientId }: { clientId: number }) {
  const { hasRole } = useSession();
  const canEdit = hasRole(...DOC_EDITORS);
  const docs = useClientDocuments(clientId);
  const [form, setForm] = useState<FormMode | null>(null);
  const [returning, setReturning] = useState<DocumentListItem | null>(null);
  const [printing, setPrinting] = useState<PrintRequest | null>(null);
  const today = todayIso();
  const reload = docs.reload;
  const closeForm = useCallback(() => setForm(null), []);

  const actions: RowActions = {
    canEdit,
    onEdit: (d) => setForm({ kind: 'edit', id: d.id }),
    onReturn: setReturning,
    onUnmark: (d) => confirmUnmark(d, () => void reload()),
    onPrint: (d) => {
      // The candidates are the document's own group: a contract with its children, or the loose ones.
      const group = docs.groups.find((g) => g.contract.id === d.id || g.contract.id === d.parentId);
      const candidates = group ? [group.contract, ...group.children] : docs.loose;
      setPrinting({ candidates, selected: withSpecifications(d, docs.all) });
    },
  };
  const owed = docs.all.filter((d) => d.returnState === 'overdue' || d.returnState === 'awaited');
  const overdue = owed.filter((d) => d.returnState === 'overdue').length;

  return (
    <Stack gap="sm" data-testid="documents-tab">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="documents-summary">
          Документов: {docs.all.length}
          {owed.length > 0 ? `; ждём подписанными: ${owed.length}${overdue ? `, из них просрочено: ${overdue}` : ''}` : docs.all.length ? '; все подписанные оригиналы возвращены' : ''}
        </Text>
        {canEdit && (
          <Group gap="xs">
            <Button size="xs" leftSection={<IconFilePlus size={14} />} onClick={() => setForm({ kind: 'new', type: 'contract' })} data-testid="new-contract">
              Новый договор
            </Button>
            <Menu position="bottom-end">
              <Menu.Target>
                <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} />} data-testid="new-other">
                  Другой документ
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {CHILD_TYPES.map((t) => (
                  <Menu.Item key={t.type} onClick={() => setForm({ kind: 'new', type: t.type, parentId: docs.groups[0]?.contract.id })}>
                    {t.label}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      </Group>
      <ClientEdoSetting clientId={clientId} />
      {docs.error && (
        <Alert color="red" py={6}>
          Документы не загрузились: {docs.error}
        </Alert>
      )}
      {!docs.loading && docs.all.length === 0 && !docs.error && (
        <Text size="sm" c="dimmed" py="md">
          Документов нет. Создайте договор кнопкой «Новый договор» — спецификации, дополнительные соглашения, счета, акты, УПД и счета-фактуры добавляются к нему.
        </Text>
      )}
      {docs.groups.map((g) => (
        <ContractBlock key={g.contract.id} g={g} today={today} actions={actions} onNew={(type, parentId) => setForm({ kind: 'new', type, parentId })} />
      ))}
      {docs.loose.length > 0 && (
        <Paper withBorder p={6} data-testid="loose-documents">
          <Text size="sm" c="dimmed" px={4} pb={4}>
            Без договора
          </Text>
          <Table fz="sm" verticalSpacing={3} layout="fixed" striped>
            <DocumentsTableHead />
            <Table.Tbody>
              {docs.loose.map((d) => (
                <DocumentRow key={d.id} d={d} dists={[]} today={today} child={false} actions={actions} />
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <DocumentFormDialog clientId={clientId} mode={form} onClose={closeForm} onSaved={() => void reload()} />
      <ReturnDialog doc={returning} onClose={() => setReturning(null)} onDone={() => void reload()} />
      <PrintDialog request={printing} onClose={() => setPrinting(null)} />
    </Stack>
  );
}
