import { readFileSync } from 'node:fs';
import type { Settings } from '../config/settings';
import { saveSettings, settingsPath } from '../config/settings-file';
import type { Logger } from '../log/logger';
import { errorText } from './circuit-breaker';
import type { AsyncSecretBox } from './secret-box';
import { isSealed } from './secret-box';

/**
 * The secret access key as the client needs it. A sealed value is opened; a value entered in plain
 * text is sealed and settings.json rewritten with the sealed form, so the plain secret stays on
 * disk only until the first start that sees it. Neither form is ever logged.
 */
export async function prepareCloudSecret(value: string | undefined, box: AsyncSecretBox, dataDir: string, log: Logger): Promise<string | undefined> {
  if (value === undefined) return undefined;
  if (isSealed(value)) {
    try {
      return await box.open(value);
    } catch (error) {
      log.error('cloud: settings cloud.secret_access_key cannot be opened here; enter it again', { reason: errorText(error) });
      return undefined;
    }
  }
  try {
    const sealed = await box.seal(value);
    replaceSecretInSettings(dataDir, sealed);
    log.info('cloud: settings cloud.secret_access_key was sealed; settings.json keeps only the sealed form');
  } catch (error) {
    log.warn('cloud: settings cloud.secret_access_key could not be sealed; it stays in plain text in settings.json', { reason: errorText(error) });
  }
  return value;
}

/** Rewrites settings.json with the sealed secret, leaving every other field as the operator wrote it. */
function replaceSecretInSettings(dataDir: string, sealed: string): void {
  const raw = JSON.parse(readFileSync(settingsPath(dataDir), 'utf8')) as { cloud?: Record<string, unknown> };
  if (!raw.cloud || typeof raw.cloud !== 'object') return;
  raw.cloud.secret_access_key = sealed;
  // saveSettings validates against the schema, writes a temp file (0600), fsyncs and renames.
  saveSettings(dataDir, raw as unknown as Settings);
}
