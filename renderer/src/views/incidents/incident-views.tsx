import type { ConsoleView } from '../view-registry';
import { IncidentsView } from './IncidentsView';

/** The Incidents view (issue 10), added to the console's navigation through ConsoleShell's `extraViews`. */
export const INCIDENT_VIEWS: ReadonlyArray<ConsoleView> = [
  { id: 'incidents', label: (t) => t.incidentsView.nav, render: () => <IncidentsView /> },
];
