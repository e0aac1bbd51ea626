// Error codes of the contract: main sends codes and data, the renderer shows Russian text.
export const ERROR_CODES = [
  'BAD_INPUT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'UNKNOWN_METHOD',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiIssue {
  /** Dotted path of the offending field, e.g. `counterparty.inn`. */
  path: string;
  /** Machine reason, e.g. `checksum`, `required`, `too_small`, `duplicate`. */
  reason: string;
  /** The existing record the issue is about (the client that already has this ИНН), for a link next to the message. */
  ref?: { id: number; name: string };
}

export interface ApiError {
  code: ErrorCode;
  /** Short English detail for logs; the UI does not show it as is. */
  detail?: string;
  issues?: ApiIssue[];
  /** For RATE_LIMITED: how long to wait. */
  retryAfterMs?: number;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNKNOWN_METHOD: 404,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};
