import type { ReactElement } from 'react';
import type { LinkState } from '../state/connection-slice';

/** A shape per link state (filled, ring, half, cross), so the state reads without colour. */
export function LinkIcon({ state }: { readonly state: LinkState }): ReactElement {
  return (
    <svg className="link-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      {state === 'live' && <circle cx="8" cy="8" r="6" />}
      {state === 'connecting' && <circle className="icon-open" cx="8" cy="8" r="5.5" />}
      {state === 'stale' && (
        <>
          <circle className="icon-open" cx="8" cy="8" r="5.5" />
          <path d="M8 2.5 A5.5 5.5 0 0 1 8 13.5 Z" />
        </>
      )}
      {state === 'down' && <path className="icon-stroke" d="M3 3 L13 13 M13 3 L3 13" />}
    </svg>
  );
}
