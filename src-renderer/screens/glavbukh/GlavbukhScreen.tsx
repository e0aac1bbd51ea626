// «Главбух» section: tabs at #/glavbukh/<tab> — a new certification request (check, then export) and the archive of requests.
import { Stack, Tabs, Title } from '@mantine/core';
import { navigate } from '../../app/router';
import { NewRequestTab } from './NewRequestTab';
import { ArchiveTab } from './ArchiveTab';

const TABS = [
  { key: 'new', label: 'Новая заявка', Component: NewRequestTab },
  { key: 'archive', label: 'Архив заявок', Component: ArchiveTab },
] as const;

export function GlavbukhScreen({ tab }: { tab?: string }) {
  const current = TABS.find((t) => t.key === tab) ?? TABS[0];
  return (
    <Stack gap="sm">
      <Title order={3}>Главбух: заявки на сертификацию</Title>
      <Tabs value={current.key} onChange={(v) => v && navigate(`/glavbukh/${v}`)} keepMounted={false}>
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.key} value={t.key} data-testid={`gb-tab-${t.key}`}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map((t) => (
          <Tabs.Panel key={t.key} value={t.key} pt="md">
            <t.Component />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
