import type { StateCreator } from 'zustand';
import type { AnalyticsEvent } from '../../../shared/analytics/types';
import type { ConsoleState } from './console-state';

/** Events kept for the overview and the clusters view; older ones are in the device and zone pages. */
export const ANALYTICS_EVENTS_KEPT = 200;

export interface AnalyticsSlice {
  /** Newest first, as pushed since this screen connected. */
  readonly analyticsEvents: ReadonlyArray<AnalyticsEvent>;
  addAnalyticsEvent(event: AnalyticsEvent): void;
}

export const createAnalyticsSlice: StateCreator<ConsoleState, [], [], AnalyticsSlice> = (set) => ({
  analyticsEvents: [],
  addAnalyticsEvent: (event) =>
    set((state) => ({ analyticsEvents: [event, ...state.analyticsEvents].slice(0, ANALYTICS_EVENTS_KEPT) })),
});
