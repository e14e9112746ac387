import type { ConsoleView } from '../view-registry';
import { AlarmsView } from './AlarmsView';
import { KpiView } from './KpiView';

/** The alarm screens' views, added to the console's navigation through ConsoleShell's `extraViews`. */
export const ALARM_VIEWS: ReadonlyArray<ConsoleView> = [
  { id: 'alarms', label: (t) => t.alarms.nav.alarms, render: () => <AlarmsView /> },
  { id: 'kpis', label: (t) => t.alarms.nav.kpis, render: () => <KpiView /> },
];
