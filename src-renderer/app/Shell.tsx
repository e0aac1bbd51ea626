// The workspace frame: left rail of sections, top bar with search and the user menu, and the current screen.
import { AppShell, Group, Menu, NavLink, Stack, Text, UnstyledButton, Title, Center } from '@mantine/core';
import { IconFileImport, IconSun, IconAddressBook, IconChecklist, IconFileText, IconMessages, IconChartBar, IconSettings, IconLogout, IconUser } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { navigate, useRoute } from './router';
import { useSession } from './session';
import { ROLE_LABELS } from '../../src-shared/roles';
import { ClientsScreen } from '../screens/clients/ClientsScreen';
import { ClientCardScreen } from '../screens/clients/ClientCardScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { CommandPalette } from '../components/CommandPalette';
import { NotificationBell } from '../components/NotificationBell';
import { TasksScreen } from '../screens/tasks/TasksScreen';
import { ReportsScreen } from '../screens/reports/ReportsScreen';
import { DocumentsScreen } from '../screens/documents/DocumentsScreen';
import { MyDayScreen } from '../screens/home/MyDayScreen';
import { ImportsScreen } from '../screens/imports/ImportsScreen';
import { IMPORTERS } from '../../src-shared/api/imports';
import type { Role } from '../../src-shared/roles';
import { ChatScreen } from '../screens/chat/ChatScreen';

const SECTIONS: { key: string; label: string; icon: ReactNode; roles?: readonly Role[] }[] = [
  { key: 'home', label: 'Мой день', icon: <IconSun size={18} /> },
  { key: 'clients', label: 'Клиенты', icon: <IconAddressBook size={18} /> },
  { key: 'tasks', label: 'Поручения', icon: <IconChecklist size={18} /> },
  { key: 'documents', label: 'Документы', icon: <IconFileText size={18} /> },
  { key: 'chat', label: 'Чат', icon: <IconMessages size={18} /> },
  { key: 'imports', label: 'Импорт', icon: <IconFileImport size={18} />, roles: IMPORTERS },
  { key: 'reports', label: 'Отчёты', icon: <IconChartBar size={18} /> },
  { key: 'settings', label: 'Настройки', icon: <IconSettings size={18} /> },
];

function NotYet({ title }: { title: string }) {
  return (
    <Center h="60vh">
      <Stack align="center" gap={4}>
        <Title order={4}>{title}</Title>
        <Text c="dimmed">Этот раздел ещё не готов в этой версии программы.</Text>
      </Stack>
    </Center>
  );
}

function Screen({ route }: { route: string[] }) {
  const [section, id] = route;
  switch (section) {
    case 'home':
      return <MyDayScreen />;
    case 'clients':
      return id ? <ClientCardScreen key={id} id={Number(id)} tab={route[2]} /> : <ClientsScreen />;
    case 'settings':
      return <SettingsScreen tab={route[1]} />;
    case 'tasks':
      return <TasksScreen route={route} />;
    case 'reports':
      return <ReportsScreen reportKey={id} />;
    case 'documents':
      return <DocumentsScreen id={id} />;
    case 'imports':
      return <ImportsScreen />;
    case 'chat':
      return <ChatScreen tab={id} />;
    default:
      return <NotYet title={SECTIONS.find((s) => s.key === section)?.label ?? 'Раздел'} />;
  }
}

export function Shell() {
  const route = useRoute();
  const { user, logout, hasRole } = useSession();
  return (
    <AppShell navbar={{ width: 170, breakpoint: 0 }} header={{ height: 48 }} padding="md">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between">
          <Group gap="lg">
            <Text fw={700}>РИЦ CRM</Text>
            <CommandPalette />
          </Group>
          <Group gap="xs">
            <NotificationBell />
            <Menu position="bottom-end">
              <Menu.Target>
                <UnstyledButton data-testid="user-menu">
                  <Group gap={6}>
                    <IconUser size={16} />
                    <Text size="sm">{user.fullName}</Text>
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{user.roles.map((r) => ROLE_LABELS[r]).join(', ')}</Menu.Label>
                <Menu.Item leftSection={<IconLogout size={14} />} onClick={logout}>
                  Выйти
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {SECTIONS.filter((s) => !s.roles || hasRole(...s.roles)).map((s) => (
          <NavLink key={s.key} label={s.label} leftSection={s.icon} active={route[0] === s.key} onClick={() => navigate(`/${s.key}`)} data-testid={`nav-${s.key}`} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Screen route={route} />
      </AppShell.Main>
    </AppShell>
  );
}
