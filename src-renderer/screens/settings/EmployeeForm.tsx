// Dialog that adds or edits an employee: login, name, roles, department, directions, contacts, password, active.
import { useState } from 'react';
import { Alert, Checkbox, Modal, MultiSelect, PasswordInput, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { ROLE_LABELS, ROLES, type Role } from '../../../src-shared/roles';
import type { EmployeeRow } from '../../../src-shared/types';
import type { EmployeeSaveInput } from '../../../src-shared/api/admin';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { useSession } from '../../app/session';
import { DialogButtons, hasIssue, notifySaved, saveOnCtrlEnter } from './dialog';

const LOGIN_RE = /^[A-Za-z0-9._-]+$/;
export const LAST_ADMIN_TEXT = 'Нельзя лишить прав последнего администратора: в программе должен остаться хотя бы один действующий администратор';
const DUPLICATE_LOGIN_TEXT = 'Этот логин уже занят другим сотрудником';

/** The save input that keeps everything of a row as it is (used to switch `active` from the table). */
export function rowToInput(e: EmployeeRow): EmployeeSaveInput {
  return {
    id: e.id,
    login: e.login,
    fullName: e.fullName,
    roles: e.roles,
    departmentId: e.departmentId,
    directionIds: e.directionIds,
    email: e.email,
    phone: e.phone,
    active: e.active,
  };
}

/** Deactivation logs the employee out everywhere, so it is always confirmed. */
export function confirmDeactivate(e: EmployeeRow, isMe: boolean, onConfirm: () => void): void {
  modals.openConfirmModal({
    title: 'Отключить сотрудника?',
    children: (
      <Stack gap={6} fz="sm">
        <div>
          Сотрудник {e.fullName} ({e.login}) не сможет войти в программу, открытые сеансы будут завершены. Клиенты и поручения останутся закреплены за
          сотрудником, пока вы не передадите их другому.
        </div>
        <div>Включить сотрудника снова можно в любой момент.</div>
        {isMe && <b>Это ваша собственная учётная запись: после отключения вы выйдете из программы.</b>}
      </Stack>
    ),
    labels: { confirm: 'Отключить', cancel: 'Отмена' },
    confirmProps: { color: 'red', 'data-testid': 'confirm-deactivate' },
    onConfirm,
  });
}

interface Props {
  /** null: a new employee. */
  employee: EmployeeRow | null;
  onClose: () => void;
  onSaved: () => void;
}

export function EmployeeForm({ employee, onClose, onSaved }: Props) {
  const { refs, user } = useSession();
  const isNew = employee === null;
  const [login, setLogin] = useState(employee?.login ?? '');
  const [fullName, setFullName] = useState(employee?.fullName ?? '');
  const [roles, setRoles] = useState<Role[]>(employee?.roles ?? []);
  const [departmentId, setDepartmentId] = useState<string | null>(employee?.departmentId != null ? String(employee.departmentId) : null);
  const [directionIds, setDirectionIds] = useState<string[]>((employee?.directionIds ?? []).map(String));
  const [email, setEmail] = useState(employee?.email ?? '');
  const [phone, setPhone] = useState(employee?.phone ?? '');
  const [active, setActive] = useState(employee?.active ?? true);
  const [changePassword, setChangePassword] = useState(isNew);
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Checks that can be made as the user types; "required" ones appear only after the first save attempt.
  const local: Record<string, string> = {};
  if (login.trim() && !LOGIN_RE.test(login.trim())) local.login = 'Логин: латинские буквы, цифры, точка, дефис, подчёркивание';
  else if (login.trim().length === 1) local.login = 'Логин не короче 2 символов';
  if (password && password.length < 8) local.password = 'Пароль должен быть не короче 8 символов';
  if (email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) local.email = 'Неверный адрес электронной почты';
  if (submitted) {
    if (!login.trim()) local.login = 'Введите логин';
    if (!fullName.trim()) local.fullName = 'Введите ФИО';
    if (roles.length === 0) local.roles = 'Выберите хотя бы одну роль';
    if (changePassword && !password) local.password = isNew ? 'Задайте пароль для входа' : 'Введите новый пароль или снимите отметку';
  }
  const err = (field: string) => local[field] ?? server[field];
  const clearServer = (...fields: string[]) => setServer((s) => Object.fromEntries(Object.entries(s).filter(([k]) => !fields.includes(k))));

  const save = async () => {
    setBusy(true);
    setFormError(null);
    try {
      await call('employees.save', {
        ...(employee ? { id: employee.id } : {}),
        login: login.trim(),
        fullName: fullName.trim(),
        roles,
        departmentId: departmentId ? Number(departmentId) : null,
        directionIds: directionIds.map(Number),
        email: email.trim() || null,
        phone: phone.trim() || null,
        active,
        ...(changePassword ? { password } : {}),
      });
      notifySaved(isNew ? `Сотрудник ${fullName.trim()} добавлен` : 'Изменения сохранены');
      onSaved();
    } catch (e) {
      const fe = fieldErrors(e);
      if (hasIssue(e, 'duplicate', 'login')) fe.login = DUPLICATE_LOGIN_TEXT;
      if (hasIssue(e, 'last_admin')) {
        // The server reports it on `roles`; when the switch caused it, say so next to the switch too.
        fe.roles = LAST_ADMIN_TEXT;
        if (!active) fe.active = LAST_ADMIN_TEXT;
      }
      if (Object.keys(fe).some((k) => k.startsWith('directionIds.'))) fe.directionIds = 'Одно из направлений удалено из справочника: выберите заново';
      setServer(fe);
      const shown = ['login', 'fullName', 'roles', 'departmentId', 'directionIds', 'email', 'phone', 'password', 'active'];
      if (!Object.keys(fe).some((k) => shown.includes(k))) setFormError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = () => {
    if (busy) return;
    setSubmitted(true);
    const missing = !login.trim() || !fullName.trim() || roles.length === 0 || (changePassword && !password);
    if (missing || Object.keys(local).length > 0) return;
    if (employee?.active && !active) confirmDeactivate(employee, employee.id === user.id, () => void save());
    else void save();
  };

  const departments = (refs?.departments ?? []).map((d) => ({ value: String(d.id), label: d.name }));
  const directions = (refs?.directions ?? []).map((d) => ({ value: String(d.id), label: d.name }));

  return (
    <Modal opened onClose={onClose} title={isNew ? 'Новый сотрудник' : `Сотрудник: ${employee.fullName}`} size="lg" data-testid="employee-dialog">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        onKeyDown={saveOnCtrlEnter(submit)}
      >
        <Stack gap="sm">
          {formError && <Alert color="red">{formError}</Alert>}
          <SimpleGrid cols={2} spacing="sm">
            <TextInput
              label="ФИО"
              data-autofocus
              withAsterisk
              value={fullName}
              onChange={(e) => {
                setFullName(e.currentTarget.value);
                clearServer('fullName');
              }}
              error={err('fullName')}
            />
            <TextInput
              label="Логин"
              withAsterisk
              autoComplete="off"
              value={login}
              onChange={(e) => {
                setLogin(e.currentTarget.value);
                clearServer('login');
              }}
              error={err('login')}
            />
          </SimpleGrid>
          <Checkbox.Group
            label="Роли"
            description="Роли определяют, что сотрудник видит и может делать"
            withAsterisk
            value={roles}
            onChange={(v) => {
              setRoles(v as Role[]);
              clearServer('roles', 'active');
            }}
            error={err('roles')}
          >
            <SimpleGrid cols={3} spacing={6} mt={6}>
              {ROLES.map((r) => (
                <Checkbox key={r} value={r} label={ROLE_LABELS[r]} size="xs" />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <SimpleGrid cols={2} spacing="sm">
            <Select
              label="Отдел"
              data={departments}
              value={departmentId}
              onChange={setDepartmentId}
              clearable
              placeholder={departments.length ? 'Не указан' : 'Добавьте отделы на вкладке «Отделы»'}
              disabled={departments.length === 0}
              error={err('departmentId')}
            />
            <MultiSelect
              label="Направления деятельности"
              data={directions}
              value={directionIds}
              onChange={(v) => {
                setDirectionIds(v);
                clearServer('directionIds');
              }}
              placeholder={directionIds.length ? undefined : 'Не указаны'}
              error={err('directionIds')}
            />
            <TextInput
              label="E-mail"
              value={email}
              onChange={(e) => {
                setEmail(e.currentTarget.value);
                clearServer('email');
              }}
              error={err('email')}
            />
            <TextInput label="Телефон" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} error={err('phone')} />
          </SimpleGrid>
          {!isNew && (
            <Checkbox
              label="Сменить пароль"
              checked={changePassword}
              onChange={(e) => {
                setChangePassword(e.currentTarget.checked);
                setPassword('');
              }}
            />
          )}
          {changePassword && (
            <PasswordInput
              label={isNew ? 'Пароль' : 'Новый пароль'}
              withAsterisk
              autoComplete="new-password"
              description={
                isNew
                  ? 'Не короче 8 символов. Сообщите пароль сотруднику: сменить его он сможет в «Настройки → Профиль»'
                  : 'Не короче 8 символов. Все открытые сеансы сотрудника будут завершены'
              }
              value={password}
              onChange={(e) => {
                setPassword(e.currentTarget.value);
                clearServer('password');
              }}
              error={err('password')}
            />
          )}
          <Switch
            label={active ? 'Работает: может входить в программу' : 'Вход запрещён: не может входить в программу'}
            checked={active}
            onChange={(e) => {
              setActive(e.currentTarget.checked);
              clearServer('active', 'roles');
            }}
            error={err('active')}
          />
        </Stack>
        <DialogButtons busy={busy} onCancel={onClose} saveLabel={isNew ? 'Добавить' : 'Сохранить'} />
      </form>
    </Modal>
  );
}
