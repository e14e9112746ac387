import type { ReactElement } from 'react';
import { useMessages } from '../i18n/messages-context';
import type { Messages } from '../i18n/messages';
import { formatHashRoute } from '../model/route';

export interface NavEntry {
  readonly id: string;
  readonly label: (t: Messages) => string;
}

/** Plain links, so Tab, Enter, middle-click and the back button all do what they always do. */
export function NavBar({ entries, current }: { readonly entries: ReadonlyArray<NavEntry>; readonly current: string | null }): ReactElement {
  const t = useMessages();
  return (
    <nav className="nav-bar" aria-label={t.nav.label} data-testid="nav-bar">
      <ul>
        {entries.map((entry, i) => (
          <li key={entry.id}>
            <a
              href={formatHashRoute([entry.id])}
              data-testid={`nav-${entry.id}`}
              aria-current={entry.id === current ? 'page' : undefined}
              aria-keyshortcuts={i < 9 ? `Alt+${i + 1}` : undefined}
            >
              {entry.label(t)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
