// The workspace frame: left rail of sections, top bar with search and the user menu, and the current screen.
import { AppShell, Group, Menu, NavLink, Stack, Text, UnstyledButton, Title, Center } from '@mantine/core';
import { IconFileImport, IconSun, IconAddressBook, IconChecklist, IconFileText, IconMessages, IconChartBar, IconSettings, IconLogout, IconUser, IconStar, IconHeadset, IconFileCertificate, IconCertificate, IconPresentation, IconArrowsExchange } from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { navigate, useRoute } from './router';
import { useSession } from './session';
import { CLIENT_EDITORS, ROLE_LABELS, type Role } from '../../src-shared/roles';
import { QUALITY_READERS } from '../../src-shared/api/quality';
import { ClientsScreen } from '../screens/clients/ClientsScreen';
import { ClientCardScreen } from '../screens/clients/ClientCardScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { CommandPalette } from '../components/CommandPalette';
import { NotificationBell } from '../components/NotificationBell';
import { TasksScreen } from '../screens/tasks/TasksScreen';
import { ReportsScreen } from '../screens/reports/ReportsScreen';
import { DocumentsScreen } from '../screens/documents/DocumentsScreen';
import { MyDayScreen } from '../screens/home/MyDayScreen';
import { OperatorScreen } from '../screens/chat/OperatorScreen';
import { OPERATOR_WINDOW_NAME, openOperatorWindow, useOperatorShortcut } from '../components/operatorWindow';
import { ImportsScreen } from '../screens/imports/ImportsScreen';
import { GbListReviewScreen } from '../screens/imports/GbListReview';
import { NssCallsReviewScreen } from '../screens/imports/NssCallsReview';
import { IMPORTERS } from '../../src-shared/api/imports';
import { ChatScreen } from '../screens/chat/ChatScreen';
import { QualityScreen } from '../screens/quality/QualityScreen';
import { UsrScreen } from '../screens/usr/UsrScreen';
import { GlavbukhScreen } from '../screens/glavbukh/GlavbukhScreen';
import { SeminarsScreen } from '../screens/nss/SeminarsScreen';
import { GB_REQUESTERS } from '../../src-shared/glavbukh-requests';
import { NssKcScreen } from '../screens/nss/NssKcScreen';
import { NSS_KC_ROLES } from '../../src-shared/api/nss-kc';
import { NSS_REPORT_READERS } from '../../src-shared/api/nss';
import { DOC_EDITORS } from '../../src-shared/api/documents';
import { EdoQueueScreen } from '../screens/edo/EdoQueueScreen';

/** `key` is the route the entry opens; `roles` hides an entry from those its screen refuses. */
const SECTIONS: { key: string; label: string; icon: ReactNode; roles?: readonly Role[] }[] = [
  { key: 'home', label: 'Мой день', icon: <IconSun size={18} /> },
  { key: 'clients', label: 'Клиенты', icon: <IconAddressBook size={18} /> },
  { key: 'tasks', label: 'Поручения', icon: <IconChecklist size={18} /> },
  { key: 'documents', label: 'Документы', icon: <IconFileText size={18} /> },
  { key: 'edo', label: 'Обмен с 1С', icon: <IconArrowsExchange size={18} />, roles: DOC_EDITORS },
  { key: 'chat', label: 'Чат', icon: <IconMessages size={18} /> },
  { key: 'chat/quality', label: 'Качество', icon: <IconStar size={18} />, roles: QUALITY_READERS },
  { key: 'imports', label: 'Импорт', icon: <IconFileImport size={18} />, roles: IMPORTERS },
  { key: 'usr', label: 'USR-файлы', icon: <IconFileCertificate size={18} />, roles: CLIENT_EDITORS },
  { key: 'glavbukh', label: 'Главбух', icon: <IconCertificate size={18} />, roles: GB_REQUESTERS },
  { key: 'nss', label: 'НСС', icon: <IconChartBar size={18} />, roles: NSS_REPORT_READERS },
  { key: 'nss/seminars', label: 'Семинары', icon: <IconPresentation size={18} /> },
  { key: 'nss/kc', label: 'НСС в КЦ', icon: <IconFileCertificate size={18} />, roles: NSS_KC_ROLES },
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
  // «Качество ответов» lives under the chat section: #/chat/quality[/session/<id>].
  if (section === 'chat' && id === 'quality') return <QualityScreen route={route} />;
  // The monthly НСС report to the КЦ and its archive: #/nss/kc[/archive].
  if (section === 'nss' && id === 'kc') return <NssKcScreen />;
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
    case 'edo':
      return <EdoQueueScreen tab={id} />;
    case 'imports':
      // #/imports/glavbukh/<stage id>: the review of a staged certified list.
      if (id === 'glavbukh' && route[2]) return <GbListReviewScreen key={route[2]} stageId={Number(route[2])} />;
      // #/imports/nss-calls/<stage id>: the review of a staged ГЛ call list.
      if (id === 'nss-calls' && route[2]) return <NssCallsReviewScreen key={route[2]} stageId={Number(route[2])} />;
      return <ImportsScreen />;
    case 'usr':
      return <UsrScreen tab={id} />;
    case 'glavbukh':
      return <GlavbukhScreen tab={id} />;
    case 'nss':
      if (id === 'seminars') return <SeminarsScreen id={route[2]} />;
      // #/nss: the НСС report (also in «Отчёты»).
      return <ReportsScreen reportKey="nss" />;
    case 'chat':
      if (id === 'operator') return <OperatorScreen />;
      return <ChatScreen tab={id} />;
    default:
      return <NotYet title={SECTIONS.find((s) => s.key === section)?.label ?? 'Раздел'} />;
  }
}

/** The entry of the route: the longest key that starts it (#/chat/quality/… is «Качество ответов», not «Чат»). */
function activeSection(route: string[]): string | undefined {
  const matches = SECTIONS.filter((s) => s.key.split('/').every((part, i) => route[i] === part));
  return matches.sort((a, b) => b.key.length - a.key.length)[0]?.key;
}

export function Shell() {
  const route = useRoute();
  const { user, logout, hasRole } = useSession();
  const active = activeSection(route);
  useOperatorShortcut();
  // The operator window is a narrow popup beside the chat program: the screen alone, without the rail and the header.
  const narrow = useMediaQuery('(max-width: 640px)');
  if (route[0] === 'chat' && route[1] === 'operator' && (narrow || window.name === OPERATOR_WINDOW_NAME)) return <OperatorScreen />;
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
          <NavLink key={s.key} label={s.label} leftSection={s.icon} active={active === s.key} onClick={() => navigate(`/${s.key}`)} data-testid={`nav-${s.key.replace('/', '-')}`} />
        ))}
        <NavLink
          label="Окно оператора"
          leftSection={<IconHeadset size={18} />}
          onClick={() => openOperatorWindow()}
          data-testid="nav-operator"
        />
      </AppShell.Navbar>
      <AppShell.Main>
        <Screen route={route} />
      </AppShell.Main>
    </AppShell>
  );
}
