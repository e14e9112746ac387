import type { ReactElement } from 'react';
import type { Messages } from '../i18n/messages';
import { ClustersView } from './clusters/ClustersView';
import { DeviceGrid } from './DeviceGrid';
import { HealthView } from './health/HealthView';
import { AlarmMatrixView } from './matrix/AlarmMatrixView';
import { OverviewView } from './overview/OverviewView';
import { SettingsView } from './settings/SettingsView';
import { DeviceWallView } from './tiles/DeviceWallView';

/**
 * The console's views, in navigation order (Alt+1 … Alt+9, then Alt+0, follow it). Another part of the console
 * adds its views through `ConsoleShell`'s `extraViews` (the alarm screens do), not by editing this.
 */
export interface ConsoleView {
  readonly id: string;
  readonly label: (t: Messages) => string;
  readonly render: () => ReactElement;
}

export const CONSOLE_VIEWS: ReadonlyArray<ConsoleView> = [
  { id: 'overview', label: (t) => t.nav.views.overview, render: () => <OverviewView /> },
  { id: 'devices', label: (t) => t.nav.views.devices, render: () => <DeviceWallView /> },
  { id: 'matrix', label: (t) => t.nav.views.matrix, render: () => <AlarmMatrixView /> },
  { id: 'clusters', label: (t) => t.nav.views.clusters, render: () => <ClustersView /> },
  { id: 'list', label: (t) => t.nav.views.list, render: () => <DeviceGrid /> },
  { id: 'health', label: (t) => t.nav.views.health, render: () => <HealthView /> },
  { id: 'settings', label: (t) => t.nav.views.settings, render: () => <SettingsView /> },
];

export const DEFAULT_VIEW_ID = 'overview';
