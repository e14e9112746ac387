import type { AlarmRecord, AlarmRejection, RejectionCode } from './types';

const STATUS: Readonly<Record<RejectionCode, 400 | 403 | 409>> = Object.freeze({
  OPERATOR_REQUIRED: 400,
  COMMENT_REQUIRED: 400,
  INVALID_DURATION: 400,
  READ_ONLY: 403,
  SUPERVISOR_REQUIRED: 403,
  NOTHING_TO_ACKNOWLEDGE: 409,
  ALREADY_ACKNOWLEDGED: 409,
  NOT_SHELVED: 409,
  SHELVE_NOT_DUE: 409,
  CONDITION_NOT_ACTIVE: 409,
  CONDITION_ACTIVE: 409,
  NOT_ACKNOWLEDGED: 409,
  NOT_LATCHED: 409,
  NOTHING_TO_RESET: 409,
  SHELVED: 409,
  SUPPRESSED: 409,
  OUT_OF_SERVICE: 409,
  NOT_OUT_OF_SERVICE: 409,
});

/** The HTTP status a rejection maps to (DESIGN.md: 400, 403, 409). */
export function rejectionStatus(code: RejectionCode): 400 | 403 | 409 {
  return STATUS[code];
}

export function rejection(alarm: AlarmRecord, code: RejectionCode, message: string): AlarmRejection {
  return { code, http_status: STATUS[code], message, alarm_id: alarm.id, state: alarm.state };
}
