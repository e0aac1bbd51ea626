// Shared pieces of the CLI: errors with exit codes, option parsing with clear messages, small formatting.
import fs from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A failure the CLI reports as one line; usage errors exit with 2, everything else with 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(message, 2);

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with strict checking; its errors become usage errors naming the bad option. */
export function parseOptions<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw usageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
}

export function requireOption(value: string | undefined, name: string): string {
  if (value === undefined || value.trim() === '') throw usageError(`missing --${name}`);
  return value;
}

/** The database of a command that reads or writes an existing file (backup must not create one). */
export function existingFile(file: string, what: string): string {
  if (!fs.existsSync(file)) throw new CliError(`${what} not found: ${file}`);
  if (!fs.statSync(file).isFile()) throw new CliError(`${what} is not a file: ${file}`);
  return file;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
