// Handlers for employees, departments, reference data and readiness settings.
import type { HandlerMap } from '../../api/handler';
import { prepared } from '../../api/handler';
import { AppError, badField, notFound } from '../../api/errors';
import type { Ctx } from '../../api/context';
import type { Db } from '../../db/connection';
import { listSystems } from '../systems/systems.repo';
import { stmt } from '../../db/stmt';
import { hashPassword } from '../auth/passwords';
import { refreshReadiness } from '../clients/readiness';
import type { EmployeeRow, Refs } from '../../../src-shared/types';
import type { Role } from '../../../src-shared/roles';

export function listEmployees(db: Db): EmployeeRow[] {
  const rows = stmt(
    db,
    'SELECT id, login, full_name AS fullName, department_id AS departmentId, email, phone, active FROM employees ORDER BY full_name',
  ).all() as (Omit<EmployeeRow, 'roles' | 'directionIds' | 'active'> & { active: number })[];
  const roles = stmt(db, 'SELECT employee_id AS e, role FROM employee_roles').all() as { e: number; role: Role }[];
  const dirs = stmt(db, 'SELECT employee_id AS e, direction_id AS d FROM employee_directions').all() as { e: number; d: number }[];
  return rows.map((r) => ({
    ...r,
    active: !!r.active,
    roles: roles.filter((x) => x.e === r.id).map((x) => x.role),
    directionIds: dirs.filter((x) => x.e === r.id).map((x) => x.d),
  }));
}

function activeAdmins(ctx: Ctx): number {
  return (
    stmt(ctx.db, "SELECT COUNT(*) AS n FROM employees e JOIN employee_roles r ON r.employee_id = e.id AND r.role = 'admin' WHERE e.active = 1").get() as {
      n: number;
    }
  ).n;
}

export const adminHandlers: HandlerMap<'refs.get' | 'employees.list' | 'employees.save' | 'departments.save' | 'readiness.saveStage'> = {
  'refs.get': (_input, ctx): Refs => {
    const db = ctx.db;
    const groups = stmt(db, 'SELECT id, name FROM characteristic_groups ORDER BY sort, id').all() as { id: number; name: string }[];
    const items = stmt(db, 'SELECT id, group_id AS g, name FROM characteristics ORDER BY sort, id').all() as { id: number; g: number; name: string }[];
    const stageFields = stmt(db, 'SELECT stage_id AS s, field_code AS f FROM readiness_stage_fields').all() as { s: number; f: string }[];
    const stages = stmt(db, 'SELECT id, code, name, freshness_days AS freshnessDays FROM readiness_stages ORDER BY sort, id').all() as Omit<
      Refs['readinessStages'][number],
      'fieldCodes'
    >[];
    return {
      // Everyone needs names to pick a responsible; logins and contacts only for administrators.
      employees: listEmployees(db).map((e) => (ctx.me.roles.includes('admin') ? e : { ...e, login: '', email: null, phone: null })),
      departments: stmt(db, 'SELECT id, name FROM departments ORDER BY name').all() as Refs['departments'],
      directions: stmt(db, 'SELECT id, code, name FROM directions ORDER BY id').all() as Refs['directions'],
      characteristicGroups: groups.map((g) => ({ ...g, items: items.filter((i) => i.g === g.id).map(({ id, name }) => ({ id, name })) })),
      readinessFields: stmt(db, 'SELECT code, name FROM readiness_fields ORDER BY sort').all() as Refs['readinessFields'],
      readinessStages: stages.map((s) => ({ ...s, fieldCodes: stageFields.filter((f) => f.s === s.id).map((f) => f.f) })),
      systems: listSystems(db),
    };
  },

  'employees.list': (_input, ctx) => listEmployees(ctx.db),

  'employees.save': prepared<'employees.save', string | null>({
    prepare: async (input) => (input.password ? hashPassword(input.password) : null),
    run(input, ctx, hash) {
      const db = ctx.db;
      if (input.departmentId != null && !stmt(db, 'SELECT 1 FROM departments WHERE id = ?').get(input.departmentId)) throw badField('departmentId', 'not_found');
      for (const [i, d] of input.directionIds.entries()) {
        if (!stmt(db, 'SELECT 1 FROM directions WHERE id = ?').get(d)) throw badField(`directionIds.${i}`, 'not_found');
      }
      const clash = stmt(db, 'SELECT id FROM employees WHERE login = ? COLLATE NOCASE').get(input.login) as { id: number } | undefined;
      if (clash && clash.id !== input.id) throw new AppError('CONFLICT', 'login taken', [{ path: 'login', reason: 'duplicate' }]);
      let id = input.id;
      if (id != null) {
        if (!stmt(db, 'SELECT 1 FROM employees WHERE id = ?').get(id)) throw notFound('employee');
        stmt(db, 'UPDATE employees SET login = ?, full_name = ?, department_id = ?, email = ?, phone = ?, active = ? WHERE id = ?').run(
          input.login,
          input.fullName,
          input.departmentId ?? null,
          input.email,
          input.phone,
          input.active ? 1 : 0,
          id,
        );
        if (hash) stmt(db, 'UPDATE employees SET password_hash = ? WHERE id = ?').run(hash, id);
        if (hash || !input.active) stmt(db, 'DELETE FROM sessions WHERE employee_id = ?').run(id);
      } else {
        id = Number(
          stmt(db, 'INSERT INTO employees (login, full_name, password_hash, department_id, email, phone, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
            input.login,
            input.fullName,
            hash!,
            input.departmentId ?? null,
            input.email,
            input.phone,
            input.active ? 1 : 0,
            ctx.nowIso(),
          ).lastInsertRowid,
        );
      }
      stmt(db, 'DELETE FROM employee_roles WHERE employee_id = ?').run(id);
      for (const r of new Set(input.roles)) stmt(db, 'INSERT INTO employee_roles (employee_id, role) VALUES (?, ?)').run(id, r);
      stmt(db, 'DELETE FROM employee_directions WHERE employee_id = ?').run(id);
      for (const d of new Set(input.directionIds)) stmt(db, 'INSERT INTO employee_directions (employee_id, direction_id) VALUES (?, ?)').run(id, d);
      // Nobody may lock the РИЦ out of administration by demoting or deactivating the last administrator.
      if (activeAdmins(ctx) === 0) throw new AppError('CONFLICT', 'last administrator', [{ path: 'roles', reason: 'last_admin' }]);
      const { password: _p, ...logged } = input;
      ctx.audit('employee', id, input.id ? 'update' : 'create', { ...logged, passwordChanged: !!hash });
      // Deactivated, a new password or other roles: that employee's open event streams check their session at once,
      // before anything else of this change is sent.
      if (input.id != null) ctx.emit('session.changed', { employeeId: id });
      ctx.emit('refs.changed', {});
      return { id };
    },
  }),

  'departments.save': (input, ctx) => {
    let id = input.id;
    if (id != null) {
      if (stmt(ctx.db, 'UPDATE departments SET name = ? WHERE id = ?').run(input.name, id).changes === 0) throw notFound('department');
    } else {
      id = Number(stmt(ctx.db, 'INSERT INTO departments (name) VALUES (?)').run(input.name).lastInsertRowid);
    }
    ctx.audit('department', id, input.id ? 'update' : 'create', input);
    ctx.emit('refs.changed', {});
    return { id };
  },

  'readiness.saveStage': (input, ctx) => {
    const db = ctx.db;
    for (const [i, f] of input.fieldCodes.entries()) {
      if (!stmt(db, 'SELECT 1 FROM readiness_fields WHERE code = ?').get(f)) throw badField(`fieldCodes.${i}`, 'not_found');
    }
    let id = input.id;
    if (id != null) {
      if (stmt(db, 'UPDATE readiness_stages SET code = ?, name = ?, freshness_days = ? WHERE id = ?').run(input.code, input.name, input.freshnessDays, id).changes === 0) {
        throw notFound('stage');
      }
    } else {
      id = Number(
        stmt(db, 'INSERT INTO readiness_stages (code, name, freshness_days, sort) VALUES (?, ?, ?, (SELECT coalesce(max(sort), 0) + 1 FROM readiness_stages))').run(
          input.code,
          input.name,
          input.freshnessDays,
        ).lastInsertRowid,
      );
    }
    stmt(db, 'DELETE FROM readiness_stage_fields WHERE stage_id = ?').run(id);
    for (const f of new Set(input.fieldCodes)) stmt(db, 'INSERT INTO readiness_stage_fields (stage_id, field_code) VALUES (?, ?)').run(id, f);
    // Settings changed: every client with confirmations gets its status recomputed in this same transaction.
    const clientIds = stmt(db, 'SELECT DISTINCT client_id AS c FROM client_readiness_values').all() as { c: number }[];
    for (const { c } of clientIds) refreshReadiness(ctx, c);
    ctx.audit('readiness_stage', id, input.id ? 'update' : 'create', input);
    ctx.emit('refs.changed', {});
    return { id };
  },
};
