import { useState } from 'react';
import type { ChangeEvent, ReactElement } from 'react';
import type { ProtocolIssue } from '../../../../shared/protocol/errors';
import type { RegistryFormat } from '../../../../shared/protocol/settings-types';
import { useMessages } from '../../i18n/messages-context';
import { SaveNotice, SelectField, TextAreaField } from './fields';
import { actorParams, writeSettings } from './settings-write';
import type { Notice } from './use-supervised-write';
import { useSupervisedWrite } from './use-supervised-write';

type FormatChoice = 'auto' | RegistryFormat;

/** The rows the console refused, by line, so the file can be fixed where it is wrong. */
function RowIssues({ issues }: { readonly issues: ReadonlyArray<ProtocolIssue> }): ReactElement | null {
  const r = useMessages().settingsEdit.registry;
  if (issues.length === 0) return null;
  return (
    <div className="registry-issues" role="alert" data-testid="registry-issues">
      <p className="field-error">{r.rowsRefused(issues.length)}</p>
      <table className="compact-table">
        <tbody>
          {issues.map((issue, i) => (
            <tr key={i} data-testid="registry-issue" data-line={issue.line ?? ''}>
              <th scope="row" className="mono">{issue.line === undefined ? '' : r.line(issue.line)}</th>
              <td className="mono">{issue.field}</td>
              <td className="wrap">{issue.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A device registry from a CSV or JSON file (or pasted): checked first, imported by a supervisor, all or nothing. */
export function RegistryImport(): ReactElement {
  const e = useMessages().settingsEdit;
  const r = e.registry;
  const [text, setText] = useState('');
  const [format, setFormat] = useState<FormatChoice>('auto');
  const [checkIssues, setCheckIssues] = useState<ReadonlyArray<ProtocolIssue>>([]);
  const [checkNotice, setCheckNotice] = useState<Notice | null>(null);
  const write = useSupervisedWrite();
  const params = (): { readonly text: string; readonly format?: RegistryFormat } => (format === 'auto' ? { text } : { text, format });
  // A new file or an edit makes the last check or import's findings stale.
  const changeText = (next: string): void => {
    setText(next);
    setCheckIssues([]);
    setCheckNotice(null);
    write.reset();
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    if (file === undefined) return;
    void file.text().then((content) => {
      changeText(content);
      if (file.name.toLowerCase().endsWith('.json')) setFormat('json');
      else if (file.name.toLowerCase().endsWith('.csv')) setFormat('csv');
    });
  };
  const check = (): void => {
    if (text.trim() === '') {
      setCheckNotice({ kind: 'error', text: (m) => m.registry.empty });
      return;
    }
    write.reset();
    void writeSettings('registry.import', { ...actorParams({ operator: '', pin: '', comment: '' }), ...params(), dry_run: true }).then((outcome) => {
      setCheckIssues(outcome.ok ? [] : outcome.issues);
      setCheckNotice(outcome.ok ? { kind: 'ok', text: (m) => m.registry.checked(outcome.result.devices, outcome.result.zones) } : { kind: 'error', text: (m) => m.prompt.failed(outcome.message) });
    });
  };
  const importNow = (): void => {
    if (text.trim() === '') {
      setCheckNotice({ kind: 'error', text: (m) => m.registry.empty });
      return;
    }
    setCheckNotice(null);
    setCheckIssues([]);
    write.start(
      (fields) => writeSettings('registry.import', { ...actorParams(fields), ...params() }),
      (result) => ({ kind: 'ok', text: (m) => m.registry.imported(result.devices, result.zones) }),
    );
  };
  const issues = write.issues.length > 0 ? write.issues : checkIssues;
  return (
    <section className="card card-wide" data-testid="settings-registry" aria-labelledby="settings-registry-title">
      <h3 className="card-title" id="settings-registry-title">{r.title}</h3>
      <p className="card-note">{r.note}</p>
      <div className="settings-fields-grid">
        <div className="settings-field">
          <label htmlFor="registry-file">{r.file}</label>
          <input id="registry-file" data-testid="registry-file" type="file" accept=".csv,.json,text/csv,application/json" onChange={onFile} />
        </div>
        <SelectField
          id="registry-format"
          label={r.format}
          value={format}
          options={[
            ['auto', r.formats.auto],
            ['csv', r.formats.csv],
            ['json', r.formats.json],
          ]}
          onChange={setFormat}
        />
      </div>
      <TextAreaField id="registry-text" label={r.text} value={text} onChange={changeText} rows={6} />
      <div className="settings-buttons">
        <button type="button" className="button-quiet" data-testid="registry-check" onClick={check}>
          {r.check}
        </button>
        <button type="button" className="button" data-testid="registry-import" onClick={importNow} disabled={write.busy}>
          {write.busy ? e.saving : r.import}
        </button>
      </div>
      {/* Refused rows are listed below; the form-wide "correct the marked fields" would say less. */}
      <SaveNotice notice={write.issues.length > 0 ? null : (write.notice ?? checkNotice)} testId="registry-notice" />
      <RowIssues issues={issues} />
      {write.prompt}
    </section>
  );
}
