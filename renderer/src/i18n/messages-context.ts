import { createContext, useContext } from 'react';
import type { Context } from 'react';
import { en } from './en';
import type { Messages } from './messages';

/** Context rather than a store subscription, so memoised rows still re-render when the language changes. */
export const MessagesContext: Context<Messages> = createContext<Messages>(en);

export function useMessages(): Messages {
  return useContext(MessagesContext);
}
