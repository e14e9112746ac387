import type { ReactElement } from 'react';
import { useMessages } from '../../i18n/messages-context';
import { ConnectionsEditor } from './ConnectionsEditor';
import { OperatorsEditor } from './OperatorsEditor';
import { RegistryImport } from './RegistryImport';
import { RetentionEditor } from './RetentionEditor';
import { ThresholdsEditor } from './ThresholdsEditor';
import type { SettingsSnapshotState } from './use-settings-snapshot';
import './settings-edit.css';

/** Says plainly which saved changes wait for a restart of the console. */
export function RestartBanner({ state }: { readonly state: SettingsSnapshotState }): ReactElement | null {
  const e = useMessages().settingsEdit;
  const pending = state.snapshot?.restart_required ?? [];
  if (pending.length === 0) return null;
  return (
    <p className="settings-restart" role="status" data-testid="settings-restart">
      {e.restartBanner(pending.map((s) => e.sections[s]).join(', '))}
    </p>
  );
}

function Waiting({ state }: { readonly state: SettingsSnapshotState }): ReactElement {
  const t = useMessages();
  return (
    <section className="card">
      <p className="muted">{state.error === null ? t.health.waiting : t.settingsEdit.loadFailed(state.error)}</p>
    </section>
  );
}

/** The narrow editable sections (thresholds, retention), once the host has said what is in effect. */
export function NarrowEditors({ state }: { readonly state: SettingsSnapshotState }): ReactElement {
  const { snapshot } = state;
  if (snapshot === null) return <Waiting state={state} />;
  return (
    <>
      <ThresholdsEditor snapshot={snapshot} onSaved={state.replace} />
      <RetentionEditor snapshot={snapshot} onSaved={state.replace} />
    </>
  );
}

/** The wide ones: connections, operators, the registry import. */
export function WideEditors({ state }: { readonly state: SettingsSnapshotState }): ReactElement | null {
  const { snapshot } = state;
  if (snapshot === null) return null;
  return (
    <>
      <ConnectionsEditor snapshot={snapshot} onSaved={state.replace} />
      <OperatorsEditor snapshot={snapshot} onSaved={state.replace} />
      <RegistryImport />
    </>
  );
}
