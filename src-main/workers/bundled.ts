// The task modules compiled into the worker bundle: empty here; scripts/build-main.mjs substitutes the list of every `*.task.ts`.

/** Module id (see TaskDef.module) → loader; null when running from source, where modules are imported by path. */
export const bundledTasks: Record<string, () => Promise<unknown>> | null = null;
