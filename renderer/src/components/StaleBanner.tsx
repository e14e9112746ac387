import type { ReactElement } from 'react';
import { formatClockTime } from '../i18n/formatters';
import { useMessages } from '../i18n/messages-context';
import { useConsoleStore } from '../state/store';

/** Says plainly that what is below is the last known state, not the present one. */
export function StaleBanner(): ReactElement {
  const t = useMessages();
  const lastMessageAt = useConsoleStore((state) => state.lastMessageAt);
  const language = useConsoleStore((state) => state.language);
  return (
    <p className="stale-banner" data-testid="stale-banner" role="status">
      <svg className="stale-icon" viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" focusable="false">
        <polygon points="8,1.5 15,14.5 1,14.5" />
        <rect className="stale-icon-mark" x="7.25" y="5.5" width="1.5" height="5" />
        <rect className="stale-icon-mark" x="7.25" y="11.5" width="1.5" height="1.5" />
      </svg>
      {lastMessageAt === null ? t.grid.staleNever : t.grid.stale(formatClockTime(lastMessageAt, language))}
    </p>
  );
}
