import type { ReactElement } from 'react';
import { RelativeTime } from '../../components/RelativeTime';
import { useNow } from '../../hooks/use-now';
import { useMessages } from '../../i18n/messages-context';
import { parseTime } from '../../model/relative-time';

/** A time that may lie ahead ("in 3 h", the next backup) or behind ("5 min ago"); null reads as `empty`. */
export function WhenTime({ iso, empty }: { readonly iso: string | null | undefined; readonly empty: string }): ReactElement {
  const t = useMessages();
  const now = useNow();
  const at = parseTime(iso);
  if (iso === null || iso === undefined || at === null) return <span className="muted">{empty}</span>;
  if (at <= now) return <RelativeTime iso={iso} />;
  return (
    <time dateTime={iso} title={iso}>
      {t.healthView.inFuture(t.number.duration((at - now) / 1000))}
    </time>
  );
}
