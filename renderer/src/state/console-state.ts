import type { AlarmsSlice } from './alarms-slice';
import type { AnalyticsSlice } from './analytics-slice';
import type { ConnectionSlice } from './connection-slice';
import type { DevicesSlice } from './devices-slice';
import type { HealthSlice } from './health-slice';
import type { PreferencesSlice } from './preferences-slice';
import type { ScoringSlice } from './scoring-slice';
import type { SirenSlice } from './siren-slice';

/** The whole renderer state: one store made of slices, so a selector may read across them. */
export type ConsoleState = DevicesSlice & ConnectionSlice & HealthSlice & PreferencesSlice & SirenSlice & AnalyticsSlice & AlarmsSlice & ScoringSlice;
