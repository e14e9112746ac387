import './styles/fonts.css';
import './styles/theme.css';
import './styles/console.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { readStoredLanguage, storeLanguage } from './i18n/language-storage';
import { readStoredTheme, storeTheme } from './model/theme';
import { startAlarmStation } from './state/alarms-station';
import { useConsoleStore } from './state/store';
import { connectConsole } from './transport/connect';

function localStorageOrUndefined(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const storage = localStorageOrUndefined();
useConsoleStore.getState().setLanguage(readStoredLanguage(storage));
useConsoleStore.getState().setTheme(readStoredTheme(storage));
useConsoleStore.subscribe((state, previous) => {
  if (state.language !== previous.language) storeLanguage(storage, state.language);
  if (state.theme !== previous.theme) storeTheme(storage, state.theme);
});

// The alarm station (issue 7): its name, the siren, its side of the link; before the link connects.
startAlarmStation(window, useConsoleStore, storage);

// Before the first render: the desktop shell may hand over its port as soon as the page has loaded.
connectConsole(window, useConsoleStore);

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
