// Task kinds the worker pool can run: each feature registers its own (kind → module + limits), so the pool knows no formats.

/** Budgets of one task: what it may receive and how long it may run once a thread has started it. */
export interface TaskLimits {
  /** Upper bound of the input's size (bytes of binary data plus characters of strings, see inputSize). */
  maxInputBytes: number;
  /** Milliseconds from the moment a thread starts the task; queueing behind other tasks does not count. */
  timeoutMs: number;
}

export interface TaskDef {
  /** Unique name, `feature.what`: `mail.parse`, `print.documents`. */
  kind: string;
  /**
   * The module that runs the task, relative to the repository root and without extension
   * (`src-main/features/mail/parse.task`). It exports `run(input)`; the name must end in `.task`, which is
   * how scripts/build-main.mjs finds every task module for the Electron bundle.
   */
  module: string;
  limits: TaskLimits;
}

/** A registered kind, carrying its input and output types to the call site of `pool.run`. */
export interface TaskRef<I, O> extends TaskDef {
  /** Phantom fields: never set, only typed. */
  readonly _in?: I;
  readonly _out?: O;
}

const MODULE_ID = /^[a-z0-9-]+(?:\/[a-z0-9.-]+)*\.task$/i;
const registry = new Map<string, TaskDef>();

/** Registers a task kind once (registering the same definition again, as a re-imported module does, is harmless). */
export function registerTask<I, O>(def: TaskDef): TaskRef<I, O> {
  if (!MODULE_ID.test(def.module) || def.module.split('/').includes('..')) throw new Error(`task ${def.kind}: bad module id ${def.module}`);
  if (!(def.limits.maxInputBytes > 0 && def.limits.timeoutMs > 0)) throw new Error(`task ${def.kind}: limits must be positive`);
  const known = registry.get(def.kind);
  if (known && known.module !== def.module) throw new Error(`task kind ${def.kind} is already registered for ${known.module}`);
  registry.set(def.kind, def);
  return def as TaskRef<I, O>;
}

export function taskDef(kind: string): TaskDef | undefined {
  return registry.get(kind);
}

export function registeredTasks(): TaskDef[] {
  return [...registry.values()];
}
