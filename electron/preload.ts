/**
 * The renderer's only bridge: a flag saying it runs in the desktop app, and the MessagePort to the
 * host, handed on to the page. Sandboxed preloads may require nothing but (part of) electron.
 */
import { contextBridge, ipcRenderer } from 'electron';

const PORT_CHANNEL = 'emberwatch:port';

contextBridge.exposeInMainWorld('emberwatchDesktop', { isDesktop: true });

ipcRenderer.on(PORT_CHANNEL, (event) => {
  // Ports cannot cross the context bridge; window.postMessage is how they reach the page.
  window.postMessage(PORT_CHANNEL, '*', event.ports);
});
