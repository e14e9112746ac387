import type { ReactElement } from 'react';
import { useNow } from '../hooks/use-now';
import { useMessages } from '../i18n/messages-context';
import { describeAge, parseTime } from '../model/relative-time';

/** "3 s ago", advancing every second; the exact time is in the tooltip and the datetime attribute. */
export function RelativeTime({ iso }: { readonly iso: string | null }): ReactElement {
  const t = useMessages();
  const now = useNow();
  const text = t.age(describeAge(parseTime(iso), now));
  if (iso === null) return <span className="muted">{text}</span>;
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}
