// «Чат» section: tabs at #/chat/<tab> — imported sessions, kits linked to no client, operator names mapped to employees.
import { Stack, Tabs, Title } from '@mantine/core';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { MANAGERS } from '../../../src-shared/roles';
import { SessionsTab } from './SessionsTab';
import { UnknownKitsTab } from './UnknownKitsTab';
import { OperatorsTab } from './OperatorsTab';

const TABS = [
  { key: 'sessions', label: 'Сессии', managers: false, Component: SessionsTab },
  // Linking kits and mapping operators is a head's or an administrator's work (the server refuses others anyway).
  { key: 'kits', label: 'Неизвестные комплекты', managers: true, Component: UnknownKitsTab },
  { key: 'operators', label: 'Операторы', managers: true, Component: OperatorsTab },
] as const;

export function ChatScreen({ tab }: { tab?: string }) {
  const { hasRole } = useSession();
  const visible = TABS.filter((t) => !t.managers || hasRole(...MANAGERS));
  const current = visible.find((t) => t.key === tab) ?? visible[0]!;
  return (
    <Stack gap="sm" h="calc(100vh - 80px)">
      <Title order={3}>Чат</Title>
      <Tabs value={current.key} onChange={(v) => v && navigate(`/chat/${v}`)} keepMounted={false} style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
        <Tabs.List>
          {visible.map((t) => (
            <Tabs.Tab key={t.key} value={t.key} data-testid={`chat-tab-${t.key}`}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {visible.map((t) => (
          <Tabs.Panel key={t.key} value={t.key} pt="md" style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
            <t.Component />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
