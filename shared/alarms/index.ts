// Public face of the alarm system: ISA-18.2 states as pure functions, alarm points and their
// conditions, silence, floods and chattering, the EEMUA 191 figures, the hash-chained journal,
// signed station messages and escalation. No clock, no storage, no I/O: the host supplies times
// and persists what comes back.

export type {
  Actor,
  AlarmEvent,
  AlarmEventType,
  AlarmRecord,
  AlarmRejection,
  AlarmState,
  AlarmTransition,
  AlarmValue,
  ConditionUpdate,
  OperatorActionType,
  OperatorRole,
  Priority,
  RejectionCode,
  ShelveKind,
  ShelveRequest,
  SoundClass,
  TransitionCause,
  TransitionOutcome,
} from './types';
export { ALARM_STATES, PRIORITIES, SOUND_CLASSES } from './types';

export type { AlarmSource, AnalyticsEventName, ConsoleSource, DataQualitySource, PointScope, RiskSource, SourceCategory } from './sources';
export {
  ALARM_SOURCES,
  ANALYTICS_EVENT_NAMES,
  CONSOLE_SOURCES,
  DATA_QUALITY_SOURCES,
  RISK_SOURCES,
  SOURCE_LABELS,
  ZONE_EVENT_NAMES,
  isAlarmSource,
  scopeOfSource,
  sourceCategory,
} from './sources';

export type { AlarmPoint } from './points';
export { HOST_TARGET, alarmPoint, alarmPointId, devicePoint, parseAlarmPointId } from './points';

export type { AlarmConfig, AlarmConfigMerge, SuppressionRule } from './config';
export {
  AlarmConfigError,
  DEFAULT_ALARM_CONFIG,
  DEFAULT_PRIORITIES,
  isLatchingPriority,
  mergeAlarmConfig,
  priorityOf,
  resolveAlarmConfig,
  soundOf,
} from './config';

export type { AlarmStateFilter, NewAlarmOptions } from './record';
export {
  ALARM_STATE_FILTERS,
  awaitsReset,
  isAlarmStateFilter,
  isAudible,
  isOutOfView,
  isStanding,
  isUnacknowledged,
  matchesStateFilter,
  newAlarmRecord,
} from './record';

export { applyAlarmEvent } from './state-machine';
export { rejectionStatus } from './rejections';
export type { BulkOutcome } from './bulk';
export { acknowledgeAll, dueShelveExpiries, nextShelveExpiry } from './bulk';

export type { AnalyticsEventInput, ReadingContext } from './derive';
export {
  analyticsCondition,
  backlogUpdates,
  conditionEvent,
  consoleCondition,
  deriveReadingConditions,
  livenessCondition,
  rearmedAnalytics,
} from './derive';

export type { SuppressionChange } from './suppression';
export { designSuppressionChanges, suppressedSources } from './suppression';

export type { SilencedPresentation, StationSilence, StationSound } from './silence';
export { emptySilence, louderSound, silenceStation, stationSound } from './silence';

export type { WindowEpisode } from './activity';
export { isAnnunciation, isLiveActivation, windowEpisodes } from './activity';
export type { FloodEpisode, FloodStatus } from './flood';
export { floodEpisodes, floodStatus } from './flood';
export type { ChatteringPoint, ChatteringSummary } from './chattering';
export { chatteringInPeriod, chatteringPoints } from './chattering';
export type { AlarmKpis, KpiInput, KpiPeriod, NoisyPoint, StaleAlarm } from './kpi';
export { KPI_PERIOD_MS, computeAlarmKpis } from './kpi';

export { CanonicalJsonError, canonicalJson } from './canonical-json';
export { constantTimeEqual, fromHex, toHex, utf8Encode } from './crypto/bytes';
export { sha256, sha256Hex } from './crypto/sha256';
export { hmacSha256, hmacSha256Hex } from './crypto/hmac';

export type { ChainAnchor, ChainBreak, ChainVerification, JournalAction, JournalEntry, JournalInput } from './journal';
export { GENESIS_HASH, JOURNAL_ACTIONS, appendJournalEntry, journalEntryHash, journalHashInput, verifyChain } from './journal';

export type {
  SignedStationMessage,
  StationAction,
  StationActionType,
  StationApplyResult,
  StationEvent,
  StationMessageRefusal,
  StationVerification,
} from './station-messages';
export {
  STATION_ACTIONS,
  STATION_EVENTS_SUBSCRIPTION,
  STATION_MESSAGE_VERSION,
  applyStationMessage,
  encodeStationMessage,
  encodeTopicLevel,
  signStationMessage,
  stationActionFor,
  stationEventsTopic,
  stationMessageEvent,
  verifyStationMessage,
} from './station-messages';

export type { EscalationDue } from './escalation';
export { dueEscalations, escalationKey, nextEscalationAt } from './escalation';

export type { AlarmView } from './api-view';
export { toAlarmView } from './api-view';
