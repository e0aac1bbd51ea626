// A stored e-mail as read on screen: sender, subject, dates, the text, and the raw source on demand.
import { useState } from 'react';
import { Button, Code, CopyButton, Group, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconCode, IconCopy, IconMail, IconTestPipe } from '@tabler/icons-react';
import type { MailMessageView } from '../../../src-shared/mail-types';
import { fmtDateTime } from '../tasks/taskFormat';
import { navigate } from '../../app/router';

/** `ruleTest`: offer the administrator to run the parsing rules on this message (settings, «Правила разбора»). */
export function MessageView({ message, maxTextHeight = 360, ruleTest = false }: { message: MailMessageView; maxTextHeight?: number; ruleTest?: boolean }) {
  // Broken MIME decodes to noise: its source is what a person can read.
  const [raw, setRaw] = useState(message.status === 'broken');
  const from = message.fromName ? `${message.fromName} <${message.from ?? ''}>` : (message.from ?? 'отправитель не указан');
  return (
    <Paper withBorder p="sm" data-testid="message-view">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <IconMail size={16} color="var(--mantine-color-gray-6)" style={{ flexShrink: 0 }} />
            <Text fw={600} size="sm" data-testid="message-subject">
              {message.subject ?? '(без темы)'}
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            {ruleTest && (
              <Button size="compact-xs" variant="subtle" color="gray" leftSection={<IconTestPipe size={14} />} onClick={() => navigate(`/settings/mail-rules/${message.id}`)} data-testid="message-rule-test">
                Проверить правила
              </Button>
            )}
            <Button size="compact-xs" variant={raw ? 'light' : 'subtle'} leftSection={<IconCode size={14} />} onClick={() => setRaw((v) => !v)} data-testid="message-raw-toggle">
              {raw ? 'Текст письма' : 'Исходный текст'}
            </Button>
          </Group>
        </Group>
        <Table fz="xs" verticalSpacing={2} horizontalSpacing={6} withRowBorders={false}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td c="dimmed" w={110}>
                От
              </Table.Td>
              <Table.Td>{from}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td c="dimmed">Получено</Table.Td>
              <Table.Td>
                {fmtDateTime(message.receivedAt)}
                {message.sentAt && message.sentAt !== message.receivedAt && <Text span c="dimmed" size="xs">{` (отправлено ${fmtDateTime(message.sentAt)})`}</Text>}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td c="dimmed">Письмо №</Table.Td>
              <Table.Td>{message.id}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td c="dimmed">Идентификатор письма</Table.Td>
              <Table.Td style={{ wordBreak: 'break-all' }}>{message.messageId}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        {raw ? (
          <Stack gap={4}>
            <Group justify="flex-end">
              <CopyButton value={message.raw}>
                {({ copied, copy }) => (
                  <Button size="compact-xs" variant="subtle" leftSection={<IconCopy size={12} />} onClick={copy}>
                    {copied ? 'Скопировано' : 'Копировать'}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <ScrollArea.Autosize mah={maxTextHeight} type="auto">
              <Code block fz="xs" data-testid="message-raw">
                {message.raw}
              </Code>
            </ScrollArea.Autosize>
          </Stack>
        ) : (
          <ScrollArea.Autosize mah={maxTextHeight} type="auto">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="message-text">
              {message.text.trim() || '(пустое письмо)'}
            </Text>
          </ScrollArea.Autosize>
        )}
      </Stack>
    </Paper>
  );
}
