import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** Electron's security checklist as settings; the renderer gets no Node and no Electron. */
export function secureWebPreferences(preloadPath: string): Readonly<WebPreferences> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // Alarms must sound on a wall display nobody has touched.
    autoplayPolicy: 'no-user-gesture-required',
  };
}

export interface WindowSettings {
  readonly preloadPath: string;
  readonly kiosk: boolean;
  readonly iconPath?: string;
  /** Where the window goes (a wall display's monitor). */
  readonly bounds?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

export function windowOptions(settings: WindowSettings): Readonly<BrowserWindowConstructorOptions> {
  const base: BrowserWindowConstructorOptions = {
    title: 'Emberwatch',
    backgroundColor: '#101418',
    show: false,
    webPreferences: { ...secureWebPreferences(settings.preloadPath) },
    ...(settings.iconPath === undefined ? {} : { icon: settings.iconPath }),
  };
  if (settings.kiosk) {
    return { ...base, ...(settings.bounds ?? {}), kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true };
  }
  return { ...base, width: 1440, height: 900, minWidth: 960, minHeight: 600 };
}
