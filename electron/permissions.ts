import { allowed } from './navigation-guard';

/**
 * Web permissions the console uses: OS notifications for alarms, full screen for the wall view,
 * copying an alarm's text, and keeping the screen on. Everything else (camera, geolocation,
 * USB ...) is refused, and nothing at all is granted to a page that is not the app.
 */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set([
  'notifications',
  'fullscreen',
  'clipboard-sanitized-write',
  'screen-wake-lock',
]);

export function permitted(permission: string, requestingUrl: string, appOrigin: string): boolean {
  return GRANTED_PERMISSIONS.has(permission) && allowed(requestingUrl, appOrigin);
}
