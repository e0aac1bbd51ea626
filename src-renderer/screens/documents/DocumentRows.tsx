// Rows of documents in the client's «Документы» tab: number, date, distributions, amount, planned return, state, who returned it, actions.
import { ActionIcon, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconCircleCheck, IconExternalLink, IconPencil, IconPrinter } from '@tabler/icons-react';
import { CONTRACT_FORM_LABELS, RETURN_VIA_LABELS, type DocumentListItem } from '../../../src-shared/doc-types';
import { formatDate, formatMoney } from '../../../src-shared/format';
import { navigate } from '../../app/router';
import { ReturnStateBadge, StatusBadge } from './DocBadges';
import { TYPE_SHORT } from './docUi';

export interface RowActions {
  canEdit: boolean;
  onEdit: (d: DocumentListItem) => void;
  onReturn: (d: DocumentListItem) => void;
  onUnmark: (d: DocumentListItem) => void;
  onPrint: (d: DocumentListItem) => void;
}

const NUM = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

export function DocumentsTableHead() {
  return (
    <Table.Thead>
      <Table.Tr bg="gray.0" style={{ whiteSpace: 'nowrap' }}>
        <Table.Th w={230}>Документ</Table.Th>
        <Table.Th w={88}>Дата</Table.Th>
        <Table.Th>Дистрибутивы</Table.Th>
        <Table.Th w={104} style={{ textAlign: 'right' }}>
          Сумма
        </Table.Th>
        <Table.Th w={90}>Вернуть до</Table.Th>
        <Table.Th w={180}>Состояние</Table.Th>
        <Table.Th w={110}>Принёс</Table.Th>
        <Table.Th w={120} />
      </Table.Tr>
    </Table.Thead>
  );
}

export function DocumentRow({ d, dists, today, child, actions }: { d: DocumentListItem; dists: string[]; today: string; child: boolean; actions: RowActions }) {
  const returned = d.returnedAt != null;
  const tracked = d.returnState !== 'not_tracked' || returned;
  return (
    <Table.Tr data-testid={`doc-row-${d.number}`} data-doc-id={d.id} data-state={d.returnState} style={{ verticalAlign: 'middle' }}>
      <Table.Td pl={child ? 28 : undefined}>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={d.type === 'contract' ? 600 : 400} style={{ whiteSpace: 'nowrap' }}>
            {TYPE_SHORT[d.type]} № {d.number}
          </Text>
          {d.form && (
            <Text size="xs" c="dimmed" title={CONTRACT_FORM_LABELS[d.form]}>
              {d.form === 'es' ? 'ЭС' : 'станд.'}
            </Text>
          )}
          <StatusBadge status={d.status} type={d.type} />
        </Group>
      </Table.Td>
      <Table.Td>{formatDate(d.date)}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          {dists.map((c) => (
            <Badge key={c} size="sm" radius="sm" tt="none" variant="outline" color="gray" fw={500}>
              {c}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td style={NUM}>{d.amountKop ? formatMoney(d.amountKop) : <Text span c="dimmed" size="sm">—</Text>}</Table.Td>
      <Table.Td>{formatDate(d.plannedReturn)}</Table.Td>
      <Table.Td>{tracked ? <ReturnStateBadge d={d} today={today} short /> : <Text size="xs" c="dimmed">не отслеживается</Text>}</Table.Td>
      <Table.Td>
        <Text size="xs" lineClamp={1} title={d.returnedByName ?? undefined}>
          {returned ? (d.returnedVia === 'edo' ? `через ${RETURN_VIA_LABELS.edo}` : (d.returnedByName ?? RETURN_VIA_LABELS.paper)) : ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={2} wrap="nowrap" justify="flex-end">
          {actions.canEdit &&
            d.status === 'issued' &&
            (returned ? (
              <Tooltip label="Снять отметку о возврате">
                <ActionIcon variant="subtle" color="gray" onClick={() => actions.onUnmark(d)} aria-label={`Снять отметку ${d.number}`} data-testid="doc-unmark">
                  <IconArrowBackUp size={16} />
                </ActionIcon>
              </Tooltip>
            ) : (
              d.plannedReturn && (
                <Tooltip label="Вернули подписанным…">
                  <ActionIcon variant="subtle" color="green" onClick={() => actions.onReturn(d)} aria-label={`Вернули ${d.number}`} data-testid="doc-return">
                    <IconCircleCheck size={16} />
                  </ActionIcon>
                </Tooltip>
              )
            ))}
          <Tooltip label={d.type === 'contract' ? 'Печать договора со спецификациями…' : 'Печать…'}>
            <ActionIcon variant="subtle" onClick={() => actions.onPrint(d)} aria-label={`Печать ${d.number}`} data-testid="doc-print">
              <IconPrinter size={16} />
            </ActionIcon>
          </Tooltip>
          {actions.canEdit && (
            <Tooltip label="Изменить">
              <ActionIcon variant="subtle" onClick={() => actions.onEdit(d)} aria-label={`Изменить ${d.number}`} data-testid="doc-edit">
                <IconPencil size={16} />
              </ActionIcon>
            </Tooltip>
          )}
          <Tooltip label="Карточка документа">
            <ActionIcon variant="subtle" color="gray" onClick={() => navigate(`/documents/${d.id}`)} aria-label={`Открыть ${d.number}`}>
              <IconExternalLink size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
