// «Настройки» section: tabs at #/settings/<tab>; the administrator's tabs are hidden from everyone else.
import { Alert, Stack, Tabs, Title } from '@mantine/core';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { ProfileTab } from './ProfileTab';
import { EmployeesTab } from './EmployeesTab';
import { DepartmentsTab } from './DepartmentsTab';
import { ReadinessTab } from './ReadinessTab';
import { SystemsTab } from './SystemsTab';
import { MailboxesTab } from '../mail/MailboxesTab';
import { RulesTab } from '../mail/RulesTab';
import { DocumentSettingsTab } from './documents/DocumentSettingsTab';
import { BackupTab } from '../backup/BackupTab';
import { WorkCalendarTab } from './WorkCalendarTab';
import { ImportFoldersTab } from '../imports/ImportFoldersTab';
import { HotlineTab } from '../chat/HotlineTab';
import { ScorecardTab } from '../quality/ScorecardTab';
import { UsrSettingsTab } from '../usr/UsrSettingsTab';
import { GlavbukhSettingsTab } from '../glavbukh/GlavbukhSettingsTab';
import { NssSettingsTab } from '../nss/NssSettingsTab';
import { EdoSettingsTab } from '../edo/EdoSettingsTab';
import { MANAGERS } from '../../../src-shared/roles';

const TABS = [
  { key: 'profile', label: 'Профиль', adminOnly: false, Component: ProfileTab },
  { key: 'employees', label: 'Сотрудники', adminOnly: true, Component: EmployeesTab },
  { key: 'departments', label: 'Отделы', adminOnly: true, Component: DepartmentsTab },
  { key: 'readiness', label: 'Готовность', adminOnly: true, Component: ReadinessTab },
  // Everyone reads the catalogue (operators look numbers up); only an administrator gets its edit buttons.
  { key: 'systems', label: 'Системы К+', adminOnly: false, Component: SystemsTab },
  // Heads change document settings too: `roles` opens an administrator's tab to them.
  { key: 'documents', label: 'Документы', adminOnly: true, roles: MANAGERS, Component: DocumentSettingsTab },
  { key: 'quality', label: 'Качество ответов', adminOnly: true, roles: MANAGERS, Component: ScorecardTab },
  { key: 'calendar', label: 'Рабочий календарь', adminOnly: true, Component: WorkCalendarTab },
  { key: 'mail', label: 'Почта', adminOnly: true, Component: MailboxesTab },
  { key: 'mail-rules', label: 'Правила разбора', adminOnly: true, Component: RulesTab },
  { key: 'imports', label: 'Импорт', adminOnly: true, Component: ImportFoldersTab },
  // Connections are the administrator's; heads see how the exchange goes (read-only health).
  { key: 'edo', label: '1С и ЭДО', adminOnly: true, roles: MANAGERS, Component: EdoSettingsTab },
  { key: 'backup', label: 'Резервные копии', adminOnly: true, Component: BackupTab },
  // Heads download the file; only an administrator sets the folder and writes it.
  { key: 'hotline', label: 'hotline.txt', adminOnly: true, roles: MANAGERS, Component: HotlineTab },
  // The stale limit and retention of USR files: a head's decision.
  { key: 'usr', label: 'USR', adminOnly: true, roles: MANAGERS, Component: UsrSettingsTab },
  // Programmes and the rules of certification requests: a head's decision.
  { key: 'glavbukh', label: 'Главбух', adminOnly: true, roles: MANAGERS, Component: GlavbukhSettingsTab },
  { key: 'nss', label: 'НСС', adminOnly: true, roles: MANAGERS, Component: NssSettingsTab },
] as const;

export function SettingsScreen({ tab }: { tab?: string }) {
  const { hasRole } = useSession();
  const isAdmin = hasRole('admin');
  const visible = TABS.filter((t) => !t.adminOnly || isAdmin || ('roles' in t && hasRole(...t.roles)));
  const current = visible.find((t) => t.key === tab) ?? visible[0]!;
  // A bookmarked administrator's tab opened by someone else: say why it is not there (the server refuses anyway).
  const refused = TABS.find((t) => t.key === tab && t.adminOnly && !visible.includes(t));

  return (
    <Stack gap="sm">
      <Title order={3}>Настройки</Title>
      {refused && <Alert color="yellow">Вкладка «{refused.label}» доступна только администратору.</Alert>}
      <Tabs value={current.key} onChange={(v) => v && navigate(`/settings/${v}`)} keepMounted={false}>
        <Tabs.List>
          {visible.map((t) => (
            <Tabs.Tab key={t.key} value={t.key}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {visible.map((t) => (
          <Tabs.Panel key={t.key} value={t.key} pt="md">
            <t.Component />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
