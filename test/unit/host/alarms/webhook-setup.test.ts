import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { alarmSetupFromSettings, readSiteKey } from '../../../../electron/host/alarms/alarm-setup';
import { hashPin, isPinHash, verifyPin } from '../../../../electron/host/alarms/pin-hash';
import { WebhookSender } from '../../../../electron/host/alarms/webhook-sender';
import { defaultSettings, SettingsError } from '../../../../electron/host/config/settings-file';
import { parseSettings } from '../../../../electron/host/config/settings-file';
import { openDatabase } from '../../../../electron/host/store/database';
import { LocalStore } from '../../../../electron/host/store/local-store';
import { tempFile } from './helpers';

// The webhook escalation sender (retries with backoff, kept across restarts), the alarm settings
// (every bad field named) and the site key, PIN hashes.

describe('escalation webhooks', () => {
  test('POSTed from the outbox, retried with backoff until 2xx, then gone; kept across a restart', async () => {
    const received: Array<{ body: string; key: string | undefined }> = [];
    let failures = 2;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString(), key: req.headers['idempotency-key'] as string | undefined });
        res.writeHead(failures-- > 0 ? 503 : 204);
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const file = tempFile();
    let db = openDatabase(file);
    let store = new LocalStore(db, file);
    let now = 1_000_000;
    try {
      await store.writer.durable((d) =>
        d.prepare('INSERT INTO cloud_outbox(created_at, kind, target, payload, next_attempt_at) VALUES (?, ?, ?, ?, ?)').run(now, 'webhook', url, JSON.stringify({ event: 'alarm.escalated', escalation_key: 'a@1' }), now),
      );
      const sender = (): WebhookSender => new WebhookSender({ db, writer: store.writer, now: () => now, baseDelayMs: 1000, random: () => 0.5 });
      let s = sender();
      assert.equal(await s.sendDue(), 0);
      assert.equal(received.length, 1);
      assert.equal(received[0]?.key, 'a@1');
      const row = db.prepare('SELECT attempts, next_attempt_at, last_error FROM cloud_outbox').get() as { attempts: number; next_attempt_at: number; last_error: string };
      assert.deepEqual(row, { attempts: 1, next_attempt_at: now + 1000, last_error: 'HTTP 503' });
      assert.equal(await s.sendDue(), 0, 'not due yet');
      assert.equal(received.length, 1);
      // A restart in between: the entry is still there, and its schedule with it.
      store.close();
      db.close();
      db = openDatabase(file);
      store = new LocalStore(db, file);
      s = sender();
      now += 1000;
      assert.equal(await s.sendDue(), 0);
      assert.equal(s.retryDelay(1), 2000, 'the delay doubles');
      now += 2000;
      assert.equal(await s.sendDue(), 1);
      assert.equal(received.length, 3);
      assert.equal(s.pending(), 0);
      assert.equal(s.stats().delivered, 1);
    } finally {
      store.close();
      db.close();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('alarm settings', () => {
  test('defaults, and the named settings land in the alarm configuration', () => {
    const setup = alarmSetupFromSettings(
      { ...defaultSettings().alarms, priorities: { co_alarm: 'critical' }, resound_minutes: 2, escalation_minutes: 1.5, shelve_max_minutes: 60 },
      { env: { HIGH_RISK_ALERT_TOPIC_ARN: 'arn:high' }, dataDir: '/d', settingsFile: 'settings.json' },
    );
    assert.equal(setup.config.priorities.co_alarm, 'critical');
    assert.equal(setup.config.priorities.arc_alarm, 'high');
    assert.equal(setup.config.silence.resoundMs, 120_000);
    assert.equal(setup.config.escalation.afterMs, 90_000);
    assert.equal(setup.config.shelve.maxMinutes, 60);
    assert.deepEqual(setup.snsTopics, { critical: null, high: 'arn:high' });
    assert.equal(setup.siteKey.key, null);
  });

  test('a mistake names its field and stops the start', () => {
    const text = JSON.stringify({ alarms: { priorities: { co_alarm: 'urgent', nope: 'high' }, webhook_url: 'ftp://x', operators: [{ name: 'kim', pin_hash: '1234' }] } });
    const settings = parseSettings(text, 'settings.json');
    try {
      alarmSetupFromSettings(settings.alarms, { env: {}, dataDir: '/d', settingsFile: 'settings.json' });
      assert.fail('accepted');
    } catch (error) {
      assert.ok(error instanceof SettingsError);
      const fields = error.issues.map((i) => i.field).sort();
      assert.deepEqual(fields, ['alarms.operators[0].pin_hash', 'alarms.priorities.co_alarm', 'alarms.priorities.nope', 'alarms.webhook_url']);
    }
    assert.throws(() => parseSettings(JSON.stringify({ alarms: { resound_minutes: 'five' } }), 'settings.json'), /alarms\.resound_minutes must be a number/);
  });

  test('the site key: read from its file; missing or short turns sharing off with the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emberwatch-key-'));
    writeFileSync(join(dir, 'site.key'), 'a-long-enough-site-key-0123456789\n');
    writeFileSync(join(dir, 'short.key'), 'short');
    assert.deepEqual(readSiteKey('site.key', dir), { key: 'a-long-enough-site-key-0123456789', reason: null });
    assert.match(readSiteKey('short.key', dir).reason ?? '', /shorter than 16/);
    assert.match(readSiteKey(join(dir, 'missing.key'), dir).reason ?? '', /cannot be read \(ENOENT\)/);
    assert.match(readSiteKey(undefined, dir).reason ?? '', /no site key file/);
  });

  test('PINs are kept as scrypt hashes and checked in constant time', async () => {
    const hash = await hashPin('1357');
    assert.ok(isPinHash(hash));
    assert.doesNotMatch(hash, /1357/);
    assert.equal(await verifyPin('1357', hash), true);
    assert.equal(await verifyPin('1358', hash), false);
    assert.equal(await verifyPin('1357', 'scrypt$3$8$1$xx$yy'), false, 'a malformed hash never matches');
    assert.notEqual(await hashPin('1357'), hash, 'salted');
  });
});
