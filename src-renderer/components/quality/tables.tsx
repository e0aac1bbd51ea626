// Tables of chat sessions and of their quality reviews, shared by «Качество ответов» and the report «Операторы чата»; a row opens the review screen.
import { Badge, Table, Text } from '@mantine/core';
import type { QualityReviewRow, QualitySessionRow } from '../../../src-shared/quality';
import { formatDateTime } from '../../../src-shared/format';
import { navigate } from '../../app/router';
import { formatDuration, formatScore, scoreColor } from './labels';

function Score({ value }: { value: number | null }) {
  if (value == null)
    return (
      <Text size="sm" c="dimmed">
        не проверен
      </Text>
    );
  return (
    <Badge color={scoreColor(value)} variant="light">
      {formatScore(value)}
    </Badge>
  );
}

export function SessionTable({ rows }: { rows: QualitySessionRow[] }) {
  return (
    <Table fz="sm" verticalSpacing={3} withTableBorder striped highlightOnHover data-testid="quality-sessions">
      <Table.Thead>
        <Table.Tr bg="gray.0">
          <Table.Th>Оператор</Table.Th>
          <Table.Th>Начало</Table.Th>
          <Table.Th>Длительность</Table.Th>
          <Table.Th>Клиент</Table.Th>
          <Table.Th>Оценка клиента</Table.Th>
          <Table.Th>Проверка</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/chat/quality/session/${r.id}`)} data-testid="quality-session-row">
            <Table.Td>{r.employee?.fullName ?? '—'}</Table.Td>
            <Table.Td>{formatDateTime(r.startAt)}</Table.Td>
            <Table.Td>{formatDuration(r.durationSec)}</Table.Td>
            <Table.Td>{r.clientName ?? r.fio ?? '—'}</Table.Td>
            <Table.Td>{r.clientRating ?? ''}</Table.Td>
            <Table.Td>
              <Score value={r.score} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function ReviewTable({ rows }: { rows: QualityReviewRow[] }) {
  return (
    <Table fz="sm" verticalSpacing={3} withTableBorder striped highlightOnHover data-testid="quality-reviews">
      <Table.Thead>
        <Table.Tr bg="gray.0">
          <Table.Th>Сеанс</Table.Th>
          <Table.Th>Оператор</Table.Th>
          <Table.Th>Оценка</Table.Th>
          <Table.Th>Оценка клиента</Table.Th>
          <Table.Th>Комментарий</Table.Th>
          <Table.Th>Проверил</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/chat/quality/session/${r.sessionId}`)} data-testid="quality-review-row">
            <Table.Td>{formatDateTime(r.sessionStartAt)}</Table.Td>
            <Table.Td>{r.employee.fullName}</Table.Td>
            <Table.Td>
              <Score value={r.score} />
            </Table.Td>
            <Table.Td>{r.clientRating ?? ''}</Table.Td>
            <Table.Td style={{ maxWidth: 360 }}>
              <Text size="sm" lineClamp={2}>
                {r.comment ?? ''}
              </Text>
            </Table.Td>
            <Table.Td>{r.reviewer.fullName}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

