// Employees written straight to the database (demo staff, CLI `user add`): one password hash reused, audit kept.
import type { Db } from '../db/connection';
import { stmt } from '../db/stmt';
import type { Role } from '../../src-shared/roles';

export interface NewEmployee {
  login: string;
  fullName: string;
  roles: readonly Role[];
  departmentId?: number | null;
  directionIds?: readonly number[];
  email?: string | null;
  phone?: string | null;
}

/** Inserts an employee with an already computed password hash; the caller runs it inside a transaction. */
export function insertEmployee(db: Db, e: NewEmployee, passwordHash: string, nowIso: string, source: string): number {
  const id = Number(
    stmt(db, 'INSERT INTO employees (login, full_name, password_hash, department_id, email, phone, active, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)').run(
      e.login,
      e.fullName,
      passwordHash,
      e.departmentId ?? null,
      e.email ?? null,
      e.phone ?? null,
      nowIso,
    ).lastInsertRowid,
  );
  for (const r of new Set(e.roles)) stmt(db, 'INSERT INTO employee_roles (employee_id, role) VALUES (?, ?)').run(id, r);
  for (const d of new Set(e.directionIds ?? [])) stmt(db, 'INSERT INTO employee_directions (employee_id, direction_id) VALUES (?, ?)').run(id, d);
  stmt(db, 'INSERT INTO audit_log (at, employee_id, entity, entity_id, action, changes) VALUES (?, NULL, ?, ?, ?, ?)').run(
    nowIso,
    'employee',
    id,
    'create',
    JSON.stringify({ login: e.login, fullName: e.fullName, roles: e.roles, source }),
  );
  return id;
}

/** The one password of every demo account (documented in the README; demo data only). */
export const DEMO_PASSWORD = 'demo12345';

export interface DemoStaffMember extends Omit<NewEmployee, 'departmentId' | 'directionIds'> {
  department: string;
  directions: readonly string[];
}

export const DEMO_DEPARTMENTS = ['Администрация', 'Отдел продаж', 'Сервисный отдел', 'Отдел персональных менеджеров', 'Линия консультаций', 'Call-центр'];

/** Demo staff: at least one login per role, named after the role so a visitor can guess them. */
export const DEMO_STAFF: readonly DemoStaffMember[] = [
  { login: 'admin', fullName: 'Козлова Ирина Викторовна', roles: ['admin'], department: 'Администрация', directions: [], phone: '+7 (423) 240-10-01' },
  { login: 'head', fullName: 'Соколов Андрей Петрович', roles: ['head', 'sales'], department: 'Отдел продаж', directions: ['sales'], phone: '+7 (423) 240-10-02' },
  {
    login: 'service.head',
    fullName: 'Мельникова Наталья Геннадьевна',
    roles: ['head', 'sio'],
    department: 'Сервисный отдел',
    directions: ['service'],
    phone: '+7 (423) 240-10-03',
  },
  { login: 'sales', fullName: 'Белова Марина Сергеевна', roles: ['sales'], department: 'Отдел продаж', directions: ['sales'], phone: '+7 (423) 240-10-11' },
  { login: 'sales2', fullName: 'Григорьев Денис Олегович', roles: ['sales'], department: 'Отдел продаж', directions: ['sales'], phone: '+7 (423) 240-10-12' },
  { login: 'sio', fullName: 'Ким Сергей Вячеславович', roles: ['sio'], department: 'Сервисный отдел', directions: ['service'], phone: '+7 (914) 700-20-01' },
  { login: 'sio2', fullName: 'Орлова Татьяна Николаевна', roles: ['sio'], department: 'Сервисный отдел', directions: ['service'], phone: '+7 (914) 700-20-02' },
  { login: 'sio3', fullName: 'Лаптев Игорь Андреевич', roles: ['sio'], department: 'Сервисный отдел', directions: ['service'], phone: '+7 (914) 700-20-03' },
  {
    login: 'pm',
    fullName: 'Тихонова Елена Юрьевна',
    roles: ['pm'],
    department: 'Отдел персональных менеджеров',
    directions: ['service', 'legal'],
    phone: '+7 (423) 240-10-21',
  },
  {
    login: 'pm2',
    fullName: 'Захарова Анна Михайловна',
    roles: ['pm'],
    department: 'Отдел персональных менеджеров',
    directions: ['service'],
    phone: '+7 (423) 240-10-22',
  },
  { login: 'chat', fullName: 'Ефимова Ольга Павловна', roles: ['chat'], department: 'Линия консультаций', directions: ['chat', 'hotline'], phone: '+7 (423) 240-10-31' },
  { login: 'caller', fullName: 'Пак Виктория Игоревна', roles: ['caller'], department: 'Call-центр', directions: ['sales'], phone: '+7 (423) 240-10-41' },
  { login: 'caller2', fullName: 'Новиков Артём Сергеевич', roles: ['caller'], department: 'Call-центр', directions: ['sales'], phone: '+7 (423) 240-10-42' },
];
