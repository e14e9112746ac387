import { useEffect, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import type { SettingsSnapshot } from '../../../../shared/protocol/settings-types';
import { useMessages } from '../../i18n/messages-context';
import { SaveNotice, SelectField } from './fields';
import { actorParams, issueAt, writeSettings } from './settings-write';
import { useSupervisedWrite } from './use-supervised-write';

/** The console's own language (texts the host makes); each screen keeps its own switch. */
export function LanguageEditor({ snapshot, onSaved }: { readonly snapshot: SettingsSnapshot; readonly onSaved: (next: SettingsSnapshot) => void }): ReactElement {
  const e = useMessages().settingsEdit;
  const [language, setLanguage] = useState(snapshot.language);
  useEffect(() => setLanguage(snapshot.language), [snapshot.language]);
  const write = useSupervisedWrite();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (language === snapshot.language) {
      write.say({ kind: 'ok', text: (m) => m.noChange });
      return;
    }
    write.start(
      (fields) => writeSettings('settings.update', { ...actorParams(fields), section: 'language', changes: language }),
      (result) => {
        onSaved(result.settings);
        return { kind: 'ok', text: (m) => (result.applied ? m.savedLive : m.savedRestart) };
      },
    );
  };
  // The prompt is a form of its own, so it stands beside this one, never inside it.
  return (
    <>
    <form className="settings-form" onSubmit={submit} noValidate data-testid="settings-language-default">
      {snapshot.language_overridden_by !== null && (
        <p className="health-warning" data-testid="language-overridden">{e.language.overridden(snapshot.language_overridden_by)}</p>
      )}
      <SelectField
        id="settings-console-language"
        label={e.language.title}
        value={language}
        options={[
          ['en', e.language.names.en],
          ['ko', e.language.names.ko],
        ]}
        onChange={setLanguage}
        hint={e.language.note}
        error={issueAt(write.issues, 'ui.language')}
      />
      <div className="settings-buttons">
        <button type="submit" className="button" disabled={write.busy}>
          {write.busy ? e.saving : e.save}
        </button>
      </div>
      <SaveNotice notice={write.notice} testId="language-notice" />
    </form>
    {write.prompt}
    </>
  );
}
