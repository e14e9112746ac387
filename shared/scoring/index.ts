// Public face of the scoring engine: the source system's per-reading risk analysis.

export { continuesHistory, createScoringEngine } from './engine';
export type { HistoryReading, ScoringEngine, ScoringEngineOptions } from './engine';
export {
  DEFAULT_SCORING_CONFIG,
  mergeScoringConfig,
  resolveScoringConfig,
  ScoringConfigError,
} from './config';
export type {
  ConfigMergeOutcome,
  ScoringConfig,
  ScoringConfigOverride,
  ScoringThresholds,
  IndicatorWeights,
  RuleWeights,
  StatusSettings,
  PatternSettings,
  HistorySettings,
  FinalWeights,
  LevelCutoffs,
  ConfidenceSettings,
  ValidationRanges,
  DeviceAdviceSettings,
} from './config';
export { normalizeMessage } from './normalize';
export type { NormalizeOutcome } from './normalize';
export { parseIsoTimestamp, parseEpochMillis, formatIsoMillis } from './timestamp';
export { STATUS_BIT_NAMES, COMMUNICATION_ERROR_STATUS, parseStatusBits } from './status-bits';
export { calculateRiskIndicators } from './indicators';
export { validateReading } from './validation';
export {
  RISK_LEVELS,
  ruleBasedRisk,
  statusRisk,
  patternRisk,
  finalRisk,
  riskLevel,
  confidence,
} from './realtime-analyzer';
export { HistoryStore, DeviceHistory } from './history';
export { determineAlertType } from './alert-type';
export { generateAlertMessage, generateRecommendations, generateDeviceRecommendations } from './messages';
export type { DeviceAdviceInfo, DeviceAdviceHistoryItem, DeviceRecommendation } from './messages';
export {
  CONTRACT_FIELDS,
  serializeContractResult,
  serializeContractError,
  serializeContractOutcome,
  toContractRecord,
} from './contract';
export type {
  AlarmStatus,
  AlertType,
  Language,
  NormalizedReading,
  RiskIndicators,
  RiskLevel,
  ScoreError,
  ScoreErrorCode,
  ScoredReading,
  ScoreOutcome,
  StatusBitName,
  TemperatureRisk,
  ValidationErrorCode,
  ValidationResult,
  ValidationWarningCode,
} from './types';
