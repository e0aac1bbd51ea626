// «Отчёты»: the list of reports the employee may open, and the chosen one (chart and table on one screen, export to XLSX).
import { Alert, Group, NavLink, Paper, Stack, Text, Title } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import '@mantine/charts/styles.css';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { REPORTS } from './registry';

export function ReportsScreen({ reportKey }: { reportKey?: string }) {
  const { hasRole } = useSession();
  const visible = REPORTS.filter((r) => hasRole(...r.roles));
  const current = visible.find((r) => r.key === reportKey) ?? visible[0];
  // A bookmarked report someone else may open: say why it is not shown.
  const refused = reportKey && !visible.some((r) => r.key === reportKey) ? REPORTS.find((r) => r.key === reportKey) : undefined;
  if (!current)
    return (
      <Stack gap="sm">
        <Title order={3}>Отчёты</Title>
        <Text c="dimmed">Отчёты доступны руководителям и администратору. Попросите их открыть нужный отчёт.</Text>
      </Stack>
    );
  return (
    <Stack gap="sm">
      <Title order={3}>Отчёты</Title>
      {refused && <Alert color="yellow">Отчёт «{refused.title}» вам недоступен.</Alert>}
      <Group align="flex-start" wrap="nowrap" gap="md">
        <Paper withBorder w={230} p={4} style={{ flexShrink: 0 }}>
          {visible.map((r) => (
            <NavLink
              key={r.key}
              label={r.title}
              description={r.description}
              leftSection={<IconChartBar size={16} />}
              active={r.key === current.key}
              onClick={() => navigate(`/reports/${r.key}`)}
              data-testid={`report-nav-${r.key}`}
              styles={{ description: { whiteSpace: 'normal' } }}
            />
          ))}
        </Paper>
        <Stack gap="sm" style={{ flex: 1, minWidth: 0 }}>
          <Title order={4}>{current.title}</Title>
          <current.Component />
        </Stack>
      </Group>
    </Stack>
  );
}
