/**
 * Error codes shared by the protocol and the REST API. The HTTP status of each is fixed here so
 * both faces report the same failure the same way.
 */
export const PROTOCOL_ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ProtocolErrorCode = keyof typeof PROTOCOL_ERROR_STATUS;

export interface ProtocolErrorBody {
  readonly code: ProtocolErrorCode;
  readonly message: string;
  /** A finer reason where the code alone says too little (an alarm action's refusal: ALREADY_ACKNOWLEDGED …). */
  readonly reason?: string;
  /** Each bad field of a submitted form (settings, a registry import), so a screen can show it beside the field. */
  readonly issues?: ReadonlyArray<ProtocolIssue>;
}

/** One bad field: a settings path (`mqtt.connections[0].url`) or, for an imported file, a column and its line. */
export interface ProtocolIssue {
  readonly field: string;
  readonly message: string;
  readonly line?: number;
}

/** Thrown by service handlers; transports turn it into `{error: {code, message}}`. */
export class ProtocolError extends Error {
  readonly code: ProtocolErrorCode;
  readonly reason: string | undefined;
  readonly issues: ReadonlyArray<ProtocolIssue> | undefined;

  constructor(code: ProtocolErrorCode, message: string, reason?: string, issues?: ReadonlyArray<ProtocolIssue>) {
    super(message);
    this.name = 'ProtocolError';
    this.code = code;
    this.reason = reason;
    this.issues = issues;
  }

  toBody(): ProtocolErrorBody {
    const body: ProtocolErrorBody = this.reason === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, reason: this.reason };
    return this.issues === undefined ? body : { ...body, issues: this.issues };
  }
}

export function isProtocolErrorCode(value: unknown): value is ProtocolErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PROTOCOL_ERROR_STATUS, value);
}

/** The issues of an error body as received (anything malformed is dropped). */
export function readIssues(value: unknown): ReadonlyArray<ProtocolIssue> | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .filter((i): i is { field: string; message: string; line?: unknown } => typeof i === 'object' && i !== null && typeof i.field === 'string' && typeof i.message === 'string')
    .map((i) => (typeof i.line === 'number' ? { field: i.field, message: i.message, line: i.line } : { field: i.field, message: i.message }));
}
