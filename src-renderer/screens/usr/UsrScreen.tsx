// «USR-файлы» section: tabs at #/usr/<tab> — stored files with a side panel of one file's facts, kits the base does not know yet.
import { Stack, Tabs, Title } from '@mantine/core';
import { navigate } from '../../app/router';
import { UsrFilesTab } from './UsrFilesTab';
import { UsrKitsTab } from './UsrKitsTab';

const TABS = [
  { key: 'files', label: 'Файлы', Component: UsrFilesTab },
  { key: 'kits', label: 'Неизвестные комплекты', Component: UsrKitsTab },
] as const;

export function UsrScreen({ tab }: { tab?: string }) {
  const current = TABS.find((t) => t.key === tab) ?? TABS[0];
  return (
    <Stack gap="sm" h="calc(100vh - 80px)">
      <Title order={3}>USR-файлы</Title>
      <Tabs value={current.key} onChange={(v) => v && navigate(`/usr/${v}`)} keepMounted={false} style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.key} value={t.key} data-testid={`usr-tab-${t.key}`}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map((t) => (
          <Tabs.Panel key={t.key} value={t.key} pt="md" style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
            <t.Component />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
