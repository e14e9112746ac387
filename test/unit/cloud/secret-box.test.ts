import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FileSecretBox, SECRET_KEY_FILE } from '../../../electron/host/cloud/file-secret-box';
import { PortSecretBox } from '../../../electron/host/cloud/port-secret-box';
import { SecretBoxError, SecretBoxUnavailableError, asyncBox, boxWithFallback, isSealed, sealedBy } from '../../../electron/host/cloud/secret-box';
import { prepareCloudSecret } from '../../../electron/host/cloud/cloud-secret';
import { answerSecret } from '../../../electron/secret-bridge';
import type { SafeStorageLike } from '../../../electron/secret-bridge';
import type { Logger } from '../../../electron/host/log/logger';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'emberwatch-secrets-'));
}

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const add = (level: string) => (message: string, fields?: Readonly<Record<string, unknown>>): void => void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, debug: add('debug'), info: add('info'), warn: add('warn'), error: add('error') };
}

/** A keychain stand-in that really transforms the value (so a test can tell sealed from plain). */
const keychain: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (data) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
};

describe('serve mode\'s secret box: AES-256-GCM under a key file only the user can read', () => {
  it('seals and opens; the sealed value says which box sealed it and does not contain the secret', () => {
    const box = FileSecretBox.inDataDir(dir());
    const sealed = box.seal(SECRET);
    assert.ok(isSealed(sealed));
    assert.equal(sealedBy(sealed), 'file');
    assert.ok(!sealed.includes(SECRET));
    assert.notEqual(box.seal(SECRET), sealed, 'a fresh nonce every time');
    assert.equal(box.open(sealed), SECRET);
  });

  it('makes the key file 0600, and tightens one that others could read', { skip: process.platform === 'win32' ? 'file modes are POSIX' : false }, () => {
    const d = dir();
    const box = FileSecretBox.inDataDir(d);
    const sealed = box.seal('x');
    const file = join(d, SECRET_KEY_FILE);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    chmodSync(file, 0o644);
    assert.equal(FileSecretBox.inDataDir(d).open(sealed), 'x', 'the same key opens it in a new process');
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('a changed value, another key or another box fails to open, without echoing anything', () => {
    const box = FileSecretBox.inDataDir(dir());
    const sealed = box.seal(SECRET);
    const flipped = `${sealed.slice(0, -4)}${sealed.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    assert.throws(() => box.open(flipped), (error: Error) => error instanceof SecretBoxError && !error.message.includes(SECRET));
    assert.throws(() => FileSecretBox.inDataDir(dir()).open(sealed), SecretBoxError);
    assert.throws(() => box.open('sealed:safe:AAAA'), /sealed by the safe box/);
  });

  it('refuses a key file that holds no key', () => {
    const d = dir();
    writeFileSync(join(d, SECRET_KEY_FILE), 'short\n', { mode: 0o600 });
    assert.throws(() => FileSecretBox.inDataDir(d).seal('x'), /32-byte key/);
  });
});

describe('the desktop app\'s box: main\'s safeStorage over the utility port', () => {
  function connected(safe: SafeStorageLike): PortSecretBox {
    const box: PortSecretBox = new PortSecretBox({
      // main (electron/secret-bridge.ts) answers on the next turn, as a real port would.
      postMessage: (message) => setImmediate(() => box.handle(answerSecret(message as Parameters<typeof answerSecret>[0], safe))),
    });
    return box;
  }

  it('seals with the keychain and opens again', async () => {
    const box = connected(keychain);
    const sealed = await box.seal(SECRET);
    assert.equal(sealedBy(sealed), 'safe');
    assert.ok(!sealed.includes(SECRET));
    assert.equal(await box.open(sealed), SECRET);
  });

  it('without a keychain, the key file seals instead; each value opens with the box that sealed it', async () => {
    const none: SafeStorageLike = { ...keychain, isEncryptionAvailable: () => false };
    await assert.rejects(connected(none).seal('x'), SecretBoxUnavailableError);
    const file = asyncBox(FileSecretBox.inDataDir(dir()));
    const box = boxWithFallback(connected(none), file);
    const sealed = await box.seal(SECRET);
    assert.equal(sealedBy(sealed), 'file');
    assert.equal(await box.open(sealed), SECRET);
    const withKeychain = boxWithFallback(connected(keychain), file);
    assert.equal(await withKeychain.open(sealed), SECRET);
    assert.equal(await withKeychain.open(await withKeychain.seal('y')), 'y');
  });

  it('a main that never answers is a timeout, not a hang', async () => {
    const box = new PortSecretBox({ postMessage: () => {} }, 20);
    await assert.rejects(box.seal('x'), SecretBoxUnavailableError);
  });

  it('replies of other requests are left alone', () => {
    const box = new PortSecretBox({ postMessage: () => {} });
    assert.equal(box.handle({ type: 'attach-port' }), false);
    assert.equal(box.handle({ type: 'secret-box-reply', id: 99, ok: true, value: 'x' }), true);
  });
});

describe('a secret entered in settings', () => {
  it('is sealed on start and settings.json keeps only the sealed form; nothing logs it', async () => {
    const d = dir();
    writeFileSync(join(d, 'settings.json'), JSON.stringify({ site: { name: 'A' }, cloud: { enabled: true, access_key_id: 'AKIAEXAMPLE', secret_access_key: SECRET } }));
    const box = asyncBox(FileSecretBox.inDataDir(d));
    const log = recordingLog();
    assert.equal(await prepareCloudSecret(SECRET, box, d, log), SECRET);
    const written = JSON.parse(readFileSync(join(d, 'settings.json'), 'utf8')) as { site: unknown; cloud: { secret_access_key: string; access_key_id: string } };
    assert.ok(isSealed(written.cloud.secret_access_key));
    assert.equal(written.cloud.access_key_id, 'AKIAEXAMPLE');
    assert.deepEqual(written.site, { name: 'A' });
    assert.ok(!readFileSync(join(d, 'settings.json'), 'utf8').includes(SECRET));
    // The next start opens it.
    assert.equal(await prepareCloudSecret(written.cloud.secret_access_key, box, d, log), SECRET);
    assert.ok(log.lines.every((line) => !line.includes(SECRET) && !line.includes(written.cloud.secret_access_key)), log.lines.join('\n'));
  });

  it('one that cannot be opened here is reported (without the value) and not used', async () => {
    const d = dir();
    const log = recordingLog();
    const sealedElsewhere = FileSecretBox.inDataDir(dir()).seal(SECRET);
    assert.equal(await prepareCloudSecret(sealedElsewhere, asyncBox(FileSecretBox.inDataDir(d)), d, log), undefined);
    assert.equal(log.lines.length, 1);
    assert.match(log.lines[0] as string, /^error cloud: settings cloud.secret_access_key cannot be opened/);
    assert.ok(!(log.lines[0] as string).includes(sealedElsewhere));
  });
});
