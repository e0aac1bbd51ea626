// Settings tab «Правила разбора»: the parsing rules (edit, test on a stored message), and where each kind of task goes with what deadline.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Box, Button, Grid, Group, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { MailRuleRow } from '../../../src-shared/mail-types';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';
import { useRoute } from '../../app/router';
import { TASK_KIND_LABELS } from '../tasks/taskFormat';
import { RuleEditor } from './RuleEditor';
import { RuleTester } from './RuleTester';
import { KindsSettings } from './KindsSettings';

export function RulesTab() {
  const route = useRoute();
  // #/settings/mail-rules/<message id> opens the tester on that message (linked from the queue and the task card).
  const testMessageId = route[2] && /^\d+$/.test(route[2]) ? Number(route[2]) : null;
  const [rules, setRules] = useState<MailRuleRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<MailRuleRow | 'new' | null>(null);
  const load = useCallback(async () => {
    try {
      setRules(await call('mail.rules.list', {}));
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Stack gap="md">
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: editing ? 4 : 6 }}>
          <Stack gap="sm">
            <Group justify="space-between">
              <Text fw={600}>Правила разбора писем</Text>
              <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')} data-testid="rule-add">
                Добавить правило
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              Правила проверяются по порядку; первое подошедшее решает, какое поручение создать. Письмо, которому не подошло ни одно, попадает в очередь нераспознанных.
            </Text>
            {error != null && <Alert color="red">{errorText(error)}</Alert>}
            {rules && (
              <Table withTableBorder highlightOnHover fz="sm" verticalSpacing={4} data-testid="rules-table">
                <Table.Thead>
                  <Table.Tr bg="gray.0">
                    <Table.Th w={60}>Порядок</Table.Th>
                    <Table.Th>Правило</Table.Th>
                    <Table.Th w={170}>Что получается</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rules.map((r) => (
                    <Table.Tr
                      key={r.id}
                      onClick={() => setEditing(r)}
                      style={{ cursor: 'pointer' }}
                      bg={editing !== 'new' && editing?.id === r.id ? 'var(--mantine-primary-color-light)' : undefined}
                      data-testid={`rule-row-${r.id}`}
                    >
                      <Table.Td>{r.sort}</Table.Td>
                      <Table.Td>
                        <Text size="sm" c={r.enabled ? undefined : 'dimmed'} td={r.enabled ? undefined : 'line-through'}>
                          {r.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          шаблонов темы: {r.subjectPatterns.length}, подписей полей: {Object.values(r.labels).reduce((n, l) => n + (l?.length ?? 0), 0)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" tt="none" color={r.enabled ? 'indigo' : 'gray'}>
                          {TASK_KIND_LABELS[r.kind]}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {!editing && <RuleTester draft={null} initialMessageId={testMessageId} />}
          </Stack>
        </Grid.Col>
        {editing && (
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <RuleEditor
              key={editing === 'new' ? 'new' : editing.id}
              rule={editing === 'new' ? null : editing}
              testMessageId={testMessageId}
              onCancel={() => setEditing(null)}
              onSaved={(id) => {
                void call('mail.rules.list', {})
                  .then((rs) => {
                    setRules(rs);
                    setEditing(rs.find((r) => r.id === id) ?? null);
                  })
                  .catch(setError);
              }}
            />
          </Grid.Col>
        )}
      </Grid>
      <Box maw={760}>
        <KindsSettings />
      </Box>
    </Stack>
  );
}
