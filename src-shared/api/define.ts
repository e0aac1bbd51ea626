// Helper that declares one API method: its input schema, who may call it, and its output type.
import type { z } from 'zod';
import type { Role } from '../roles';

export type Access = 'public' | readonly Role[];

export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  access: Access;
  /** Whether the method changes data (writes run in one transaction). */
  write: boolean;
  /** Phantom field carrying the output type; never set at run time. */
  readonly _output?: O;
}

/** `method<Output>()({ input, access, write })` — the output type is given explicitly, the input inferred. */
export function method<O>() {
  return <I extends z.ZodType>(def: { input: I; access: Access; write: boolean }): MethodDef<I, O> => def;
}
