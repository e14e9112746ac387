import type { ReactElement } from 'react';
import { PROTOCOL_VERSION } from '../../../shared/protocol/envelope';
import { useNow } from '../hooks/use-now';
import { useMessages } from '../i18n/messages-context';
import { describeAge } from '../model/relative-time';
import { useConsoleStore } from '../state/store';
import { LinkIcon } from './LinkIcon';

/** The renderer's own link to the console host (not the host's MQTT connections). */
export function ConnectionStatus(): ReactElement {
  const t = useMessages();
  const link = useConsoleStore((state) => state.link);
  const host = useConsoleStore((state) => state.host);
  return (
    <div className={`link link-${link}`} data-testid="connection-status" data-state={link}>
      <LinkIcon state={link} />
      <span className="link-label" role="status" aria-label={`${t.link.label}: ${t.link.state[link]}`}>
        {t.link.state[link]}
      </span>
      {link !== 'live' && <LastMessageAge />}
      {host !== null && host.protocol !== PROTOCOL_VERSION && (
        <span className="link-warning">{t.link.protocolMismatch(host.protocol, PROTOCOL_VERSION)}</span>
      )}
    </div>
  );
}

function LastMessageAge(): ReactElement | null {
  const t = useMessages();
  const now = useNow();
  const lastMessageAt = useConsoleStore((state) => state.lastMessageAt);
  if (lastMessageAt === null) return null;
  return <span className="link-detail">{t.link.lastMessage(t.age(describeAge(lastMessageAt, now)))}</span>;
}
