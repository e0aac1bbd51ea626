// Contract: employees, departments, reference data and readiness settings.
import { z } from 'zod';
import { method } from './define';
import { ADMINS, ANY_STAFF, ROLES } from '../roles';
import { id, optText, reqText } from './common';
import type { EmployeeRow, Refs } from '../types';

export const employeeSaveInput = z
  .object({
    id: id.optional(),
    login: z
      .string()
      .trim()
      .min(2)
      .max(60)
      .regex(/^[A-Za-z0-9._-]+$/, { message: 'login' }),
    fullName: reqText(200),
    roles: z.array(z.enum(ROLES)).min(1, { message: 'required' }),
    departmentId: id.nullish(),
    directionIds: z.array(id).max(50).default([]),
    email: z.union([z.literal(''), z.email()]).nullish().transform((v) => v || null),
    phone: optText(64),
    active: z.boolean().default(true),
    /** Required for a new employee; on edit, set only to change it. */
    password: z.string().min(8, { message: 'password_short' }).max(200).optional(),
  })
  .refine((v) => v.id != null || v.password != null, { path: ['password'], message: 'required' });
export type EmployeeSaveInput = z.input<typeof employeeSaveInput>;

export const adminApi = {
  'refs.get': method<Refs>()({ input: z.object({}), access: ANY_STAFF, write: false }),
  'employees.list': method<EmployeeRow[]>()({ input: z.object({}), access: ADMINS, write: false }),
  'employees.save': method<{ id: number }>()({ input: employeeSaveInput, access: ADMINS, write: true }),
  'departments.save': method<{ id: number }>()({
    input: z.object({ id: id.optional(), name: reqText(200) }),
    access: ADMINS,
    write: true,
  }),
  'readiness.saveStage': method<{ id: number }>()({
    input: z.object({
      id: id.optional(),
      code: z
        .string()
        .trim()
        .regex(/^[a-z0-9_]{1,50}$/, { message: 'code' }),
      name: reqText(100),
      freshnessDays: z.number().int().min(1).max(3650),
      fieldCodes: z.array(z.string().trim().min(1).max(50)).min(1, { message: 'required' }).max(50),
    }),
    access: ADMINS,
    write: true,
  }),
};
