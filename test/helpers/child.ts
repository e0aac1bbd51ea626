// Child processes for crash tests: a TypeScript script run by Node itself with tsx's loader (one process to SIGKILL), its output and exit.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Child {
  proc: ChildProcess;
  /** Resolves once the output satisfies `isReady` (or the process has exited). */
  ready: Promise<void>;
  exited: Promise<number | null>;
  output(): string;
  /** Calls `fn` with every complete stdout line from now on. */
  onLine(fn: (line: string) => void): void;
}

/** Node with `--import tsx`, not the tsx launcher: killing the launcher would leave its child running. */
export function spawnTs(script: string, args: string[], isReady: (out: string) => boolean = () => true, env?: NodeJS.ProcessEnv): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
  let out = '';
  let partial = '';
  const lineListeners: ((line: string) => void)[] = [];
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  proc.stdout!.on('data', (d: Buffer) => {
    const text = d.toString();
    out += text;
    partial += text;
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      for (const fn of lineListeners) fn(line);
    }
    if (isReady(out)) markReady();
  });
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  void exited.then(() => markReady());
  return { proc, ready, exited, output: () => out, onLine: (fn) => lineListeners.push(fn) };
}

/** SIGKILL and wait for the exit. */
export async function killHard(child: Child): Promise<void> {
  if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
  await child.exited;
}
