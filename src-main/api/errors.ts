// AppError: a failure with a contract error code, thrown by handlers and turned into a result by the dispatcher.
import type { ApiIssue, ErrorCode } from '../../src-shared/errors';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly issues?: ApiIssue[],
    readonly retryAfterMs?: number,
  ) {
    super(detail ?? code);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const badField = (path: string, reason: string) =>
  new AppError('BAD_INPUT', `${path}: ${reason}`, [{ path, reason }]);
