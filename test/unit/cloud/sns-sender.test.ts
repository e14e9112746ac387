import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import { CircuitBreaker } from '../../../electron/host/cloud/circuit-breaker';
import { startCloudLink } from '../../../electron/host/cloud/cloud-link';
import { FileSecretBox } from '../../../electron/host/cloud/file-secret-box';
import { asyncBox } from '../../../electron/host/cloud/secret-box';
import { SNS_KIND, SnsSender, isSnsEndpointFailure, publishInput, topicRegion } from '../../../electron/host/cloud/sns-sender';
import type { SnsApiFactory } from '../../../electron/host/cloud/sns-sender';
import { defaultSettings } from '../../../electron/host/config/settings-file';
import { FleetState } from '../../../electron/host/fleet/fleet-state';
import { createLogger } from '../../../electron/host/log/logger';
import { outbox } from '../../../electron/host/store/outbox-table';
import { openStore } from '../store/helpers';
import { outage } from './fake-dynamo';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);
const CRITICAL = 'arn:aws:sns:ap-northeast-2:123456789012:fire-prediction-critical-alerts-prod';
const quiet = createLogger(null, { stderr: false });
const stores: Array<ReturnType<typeof openStore>> = [];
after(() => {
  for (const s of stores) {
    s.store.close();
    s.db.close();
  }
});

/** An escalation row as the alarm system writes it (electron/host/alarms/escalation-messages.ts). */
function escalation(topic = CRITICAL, key = 'device:D1:risk_critical@1'): string {
  const input = { TopicArn: topic, Message: JSON.stringify({ default: 'CRITICAL D1', sms: 'D1 0.91', email: '<html/>' }), MessageStructure: 'json', Subject: '[긴급] D1' };
  return JSON.stringify({ input, meta: { alarm_id: 'device:D1:risk_critical', escalation_key: key, priority: 'critical', console_id: 'c' } });
}

function fakeSns(fail: () => Error | null = () => null): { factory: SnsApiFactory; published: Array<{ region: string; input: PublishCommandInput }> } {
  const published: Array<{ region: string; input: PublishCommandInput }> = [];
  return {
    published,
    factory: (region) => ({
      async publish(input) {
        const error = fail();
        if (error) throw error;
        published.push({ region, input });
        return { $metadata: {}, MessageId: String(published.length) };
      },
      destroy() {},
    }),
  };
}

describe('escalations to the seed\'s SNS topics', () => {
  it('publishes the stored input as it is, in the topic\'s region, and deletes the row', async () => {
    const opened = openStore();
    stores.push(opened);
    const { factory, published } = fakeSns();
    const clock = { t: T0 };
    const sender = new SnsSender({ db: opened.db, write: (w) => opened.store.writer.run(w), api: factory, breaker: new CircuitBreaker({ now: () => clock.t, isFailure: isSnsEndpointFailure }), log: quiet, now: () => clock.t });
    await opened.store.writer.run((db) => outbox.add(db, SNS_KIND, CRITICAL, escalation(), T0));
    await sender.drain();
    assert.equal(published.length, 1);
    assert.equal(published[0]?.region, 'ap-northeast-2');
    assert.deepEqual(published[0]?.input, (JSON.parse(escalation()) as { input: PublishCommandInput }).input);
    assert.equal(sender.stats().pending, 0);
    assert.equal(sender.stats().delivered, 1);
  });

  it('through an outage: retried with backoff, the breaker opens after three failures, and nothing is lost', async () => {
    const opened = openStore();
    stores.push(opened);
    let down = true;
    const { factory, published } = fakeSns(() => (down ? outage() : null));
    const clock = { t: T0 };
    const breaker = new CircuitBreaker({ now: () => clock.t, isFailure: isSnsEndpointFailure });
    const sender = new SnsSender({ db: opened.db, write: (w) => opened.store.writer.run(w), api: factory, breaker, log: quiet, now: () => clock.t, retryBaseMs: 1000, retryMaxMs: 60_000 });
    await opened.store.writer.run((db) => outbox.add(db, SNS_KIND, CRITICAL, escalation(), T0));
    for (let i = 0; i < 3; i++) {
      await sender.drain();
      clock.t += 10_000;
    }
    assert.equal(breaker.state(), 'open');
    assert.equal(sender.stats().pending, 1);
    down = false;
    clock.t += 30_000;
    await sender.drain();
    assert.equal(published.length, 1);
    assert.equal(breaker.state(), 'closed');
    assert.equal(sender.stats().pending, 0);
  });

  it('a refusal (no such topic) is not the endpoint failing: retried at the longest interval, never dropped', async () => {
    const opened = openStore();
    stores.push(opened);
    const { factory } = fakeSns(() => Object.assign(new Error('Topic does not exist'), { name: 'NotFoundException' }));
    const clock = { t: T0 };
    const breaker = new CircuitBreaker({ now: () => clock.t, isFailure: isSnsEndpointFailure });
    const sender = new SnsSender({ db: opened.db, write: (w) => opened.store.writer.run(w), api: factory, breaker, log: quiet, now: () => clock.t, retryMaxMs: 600_000 });
    await opened.store.writer.run((db) => outbox.add(db, SNS_KIND, CRITICAL, escalation(), T0));
    for (let i = 0; i < 4; i++) {
      await sender.drain();
      clock.t += 600_000;
    }
    assert.equal(breaker.state(), 'closed');
    const row = opened.db.prepare('SELECT attempts, next_attempt_at, last_error FROM cloud_outbox').get() as { attempts: number; next_attempt_at: number; last_error: string };
    assert.equal(row.attempts, 4);
    assert.match(row.last_error, /NotFoundException/);
  });

  it('FIFO topics get the escalation key as deduplication id; the region comes from the ARN', () => {
    const fifo = publishInput(JSON.parse(escalation(`${CRITICAL}.fifo`, 'device:D1:risk_critical@77')) as never);
    assert.equal(fifo.MessageDeduplicationId, 'device:D1:risk_critical@77');
    assert.equal(fifo.MessageGroupId, 'device:D1:risk_critical');
    assert.equal(publishInput(JSON.parse(escalation()) as never).MessageDeduplicationId, undefined);
    assert.equal(topicRegion('arn:aws:sns:us-east-1:1:t'), 'us-east-1');
    assert.equal(topicRegion('not-an-arn'), null);
  });

  it('runs in the cloud link when a topic is configured, even with DynamoDB off; not at all otherwise', async () => {
    const opened = openStore();
    stores.push(opened);
    const base = {
      settings: defaultSettings().cloud,
      dataDir: mkdtempSync(join(tmpdir(), 'emberwatch-sns-')),
      console: { id: 'c', name: 'C' },
      db: opened.db,
      writer: opened.store.writer,
      fleet: new FleetState(),
      totalAlarms: () => 0,
      scoring: {},
      secrets: asyncBox(FileSecretBox.inDataDir(mkdtempSync(join(tmpdir(), 'emberwatch-sns-')))),
      log: quiet,
    };
    const off = await startCloudLink({ ...base, env: {} });
    assert.equal(off.health().sns, undefined);
    await off.stop();
    const { factory, published } = fakeSns();
    await opened.store.writer.run((db) => outbox.add(db, SNS_KIND, CRITICAL, escalation(), Date.now()));
    const on = await startCloudLink({ ...base, env: { CRITICAL_ALERT_TOPIC_ARN: CRITICAL }, sns: factory });
    await on.settle();
    assert.equal(on.enabled, false, 'the DynamoDB link stays off');
    assert.equal(published.length, 1);
    assert.deepEqual(on.health().sns, { breaker: 'closed', pending: 0, delivered: 1, last_error: null });
    assert.equal(on.health().outbox_depth, 0);
    await on.stop();
  });
});
