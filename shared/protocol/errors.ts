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
}

/** Thrown by service handlers; transports turn it into `{error: {code, message}}`. */
export class ProtocolError extends Error {
  readonly code: ProtocolErrorCode;
  readonly reason: string | undefined;

  constructor(code: ProtocolErrorCode, message: string, reason?: string) {
    super(message);
    this.name = 'ProtocolError';
    this.code = code;
    this.reason = reason;
  }

  toBody(): ProtocolErrorBody {
    return this.reason === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, reason: this.reason };
  }
}

export function isProtocolErrorCode(value: unknown): value is ProtocolErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PROTOCOL_ERROR_STATUS, value);
}
