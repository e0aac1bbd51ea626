// Types for handlers: each contract method gets exactly one, checked at compile time.
import type { MethodName, MethodOutput, MethodParsed } from '../../src-shared/api';
import type { Ctx } from './context';

/**
 * A plain function runs inside one transaction when the method writes, so it must be synchronous.
 * Work that must not hold the write lock (a slow password hash) or that runs on the worker pool (print, exports)
 * goes into `prepare`, which runs first outside the transaction; its result is passed to `run` (inside the
 * transaction only for a writing method).
 */
export type Handler<M extends MethodName> =
  | ((input: MethodParsed<M>, ctx: Ctx) => MethodOutput<M>)
  | { prepare: (input: MethodParsed<M>, ctx: Ctx) => Promise<unknown>; run: (input: MethodParsed<M>, ctx: Ctx, prepared: never) => MethodOutput<M> };

export type HandlerMap<K extends MethodName> = { [M in K]: Handler<M> };

/** Helper keeping `prepare`'s result type tied to `run`'s third argument. */
export function prepared<M extends MethodName, P>(h: {
  prepare: (input: MethodParsed<M>, ctx: Ctx) => Promise<P>;
  run: (input: MethodParsed<M>, ctx: Ctx, prepared: P) => MethodOutput<M>;
}): Handler<M> {
  return h as Handler<M>;
}
