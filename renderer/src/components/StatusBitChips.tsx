import { memo } from 'react';
import type { NamedExoticComponent, ReactElement } from 'react';
import { useMessages } from '../i18n/messages-context';
import { decodeStatusFlags } from '../model/status-bits';

interface StatusBitChipsProps {
  readonly status: number | null;
}

function StatusBitChipsView({ status }: StatusBitChipsProps): ReactElement {
  const t = useMessages();
  const flags = decodeStatusFlags(status);
  if (flags.length === 0) return <span className="chips-none">{t.grid.noFlags}</span>;
  return (
    <ul className="chips">
      {flags.map((flag) => (
        <li
          key={flag}
          className={flag === 'communication_error' ? 'chip chip-comm' : 'chip'}
          data-testid="status-bit"
          data-bit={flag}
          title={t.statusFlagsLong[flag]}
        >
          {t.statusFlags[flag]}
        </li>
      ))}
    </ul>
  );
}

// Memoised on the status word: it changes far less often than the readings beside it.
export const StatusBitChips: NamedExoticComponent<StatusBitChipsProps> = memo(StatusBitChipsView);
