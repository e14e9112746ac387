import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CRITICAL_ID, MINUTE, OVERCURRENT, OVERCURRENT_ID, SECOND, T0, harness, reading } from './helpers';

// What follows the console's clock, with the clock injected: timed and one-shot shelves, silence
// and resound, escalation into the outbox, stations that went away, floods and chattering.

function raise(h: ReturnType<typeof harness>, at: number, status = OVERCURRENT, level: 'NORMAL' | 'CRITICAL' = 'NORMAL', device = 'DEV0001'): void {
  h.service.observeReading(reading({ device, at, status, level }), at, { zone: null, newestTs: at });
}

describe('the alarm timers', () => {
  test('a timed shelve runs out on the clock; the alarm comes back if its condition holds', async () => {
    const h = harness();
    try {
      raise(h, T0);
      await h.service.act('shelve', { id: OVERCURRENT_ID, operator: 'kim', comment: 'contractor testing', minutes: 30 });
      h.clock.now = T0 + 29 * MINUTE;
      h.service.tick();
      assert.equal(h.service.get(OVERCURRENT_ID)?.state, 'shelved');
      // Shelved alarms are still evaluated.
      raise(h, T0 + 29 * MINUTE + SECOND);
      h.clock.now = T0 + 30 * MINUTE;
      h.service.tick();
      await h.settle();
      assert.equal(h.service.get(OVERCURRENT_ID)?.state, 'unacknowledged');
      const causes = h.db.prepare('SELECT cause FROM alarm_transitions WHERE alarm_id = ? ORDER BY id').pluck().all(OVERCURRENT_ID);
      assert.deepEqual(causes, ['condition_active', 'shelve', 'shelve_expired']);
    } finally {
      h.close();
    }
  });

  test('a one-shot shelve ends when its condition clears', async () => {
    const h = harness();
    try {
      raise(h, T0);
      const shelved = await h.service.act('shelve', { id: OVERCURRENT_ID, operator: 'kim', comment: 'known', one_shot: true });
      assert.equal(shelved.state, 'shelved');
      raise(h, T0 + SECOND, 0);
      assert.equal(h.service.get(OVERCURRENT_ID)?.state, 'normal');
    } finally {
      h.close();
    }
  });

  test('silence stops the sound at one station only; a new alarm sounds; critical resounds after 5 minutes', async () => {
    const h = harness();
    try {
      h.service.hello({ station: 'desk-1' });
      h.service.hello({ station: 'desk-2' });
      raise(h, T0, OVERCURRENT, 'CRITICAL');
      await h.settle();
      assert.equal(h.service.status().stations['desk-1']?.sound, 'temporal-3');
      const silenced = await h.service.silence({ station: 'desk-1', operator: 'kim' });
      assert.equal(silenced.sound.sound, 'none');
      assert.equal(silenced.sound.next_change_at, new Date(T0 + 5 * MINUTE).toISOString());
      assert.equal(h.service.status().stations['desk-2']?.sound, 'temporal-3', 'silence is local');
      assert.equal(h.service.get(CRITICAL_ID)?.state, 'unacknowledged', 'silence is not acknowledgement');
      // A new alarm sounds again at the silenced station (a chime for a high one).
      h.clock.now = T0 + MINUTE;
      h.service.hello({ station: 'desk-1' });
      h.service.observeReading(reading({ device: 'DEV0002', at: T0 + MINUTE, status: 128 }), T0 + MINUTE, { zone: null, newestTs: T0 + MINUTE });
      await h.settle();
      assert.equal(h.service.status().stations['desk-1']?.sound, 'chime');
      await h.service.act('acknowledge', { id: 'device:DEV0002:sensor_temp_alarm', operator: 'kim', station: 'desk-1' });
      assert.equal(h.service.status().stations['desk-1']?.sound, 'none');
      // Five minutes after silence, the unacknowledged critical alarm calls again; the tick pushes it.
      const pushed = h.emitted.statuses.length;
      h.clock.now = T0 + 5 * MINUTE;
      // Its screen keeps saying hello (every 10 s), so the station is still there.
      h.service.hello({ station: 'desk-1' });
      h.service.tick();
      assert.equal(h.service.status().stations['desk-1']?.sound, 'temporal-3');
      assert.ok(h.emitted.statuses.slice(pushed).some((s) => s.stations['desk-1']?.sound === 'temporal-3'));
      const journal = h.service.journalEntries({ limit: 10 }).map((e) => e.action);
      assert.deepEqual(journal, ['silence', 'acknowledge']);
      // Silence survives a restart with the station.
      assert.match(h.db.prepare("SELECT silenced FROM alarm_stations WHERE station = 'desk-1'").pluck().get() as string, /risk_critical/);
    } finally {
      h.close();
    }
  });

  test('a critical alarm unacknowledged for 3 minutes escalates once, to the outbox, in the seed forms', async () => {
    const latest = reading({ at: T0, level: 'CRITICAL', status: 128 + 2048, temperature: 88 });
    const h = harness({
      env: { CRITICAL_ALERT_TOPIC_ARN: 'arn:aws:sns:ap-northeast-2:123456789012:FirePrediction-Critical' },
      alarms: { webhook_url: 'https://hooks.example/emberwatch' },
      language: 'ko',
      latest: () => latest,
    });
    try {
      raise(h, T0, 0, 'CRITICAL');
      h.clock.now = T0 + 2 * MINUTE + 59 * SECOND;
      h.service.tick();
      await h.settle();
      assert.equal(h.db.prepare('SELECT count(*) FROM cloud_outbox').pluck().get(), 0);
      h.clock.now = T0 + 3 * MINUTE;
      h.service.tick();
      h.service.tick();
      await h.settle();
      const rows = h.db.prepare('SELECT kind, target, payload FROM cloud_outbox ORDER BY id').all() as Array<{ kind: string; target: string; payload: string }>;
      assert.deepEqual(rows.map((r) => r.kind), ['sns.publish', 'webhook']);
      const sns = JSON.parse(rows[0]?.payload ?? '{}') as { input: { TopicArn: string; Message: string; MessageStructure: string; Subject: string } };
      assert.equal(sns.input.TopicArn, 'arn:aws:sns:ap-northeast-2:123456789012:FirePrediction-Critical');
      assert.equal(sns.input.MessageStructure, 'json');
      assert.equal(sns.input.Subject, '🚨 CRITICAL: 화재 위험 감지 - 디바이스 DEV0001');
      const message = JSON.parse(sns.input.Message) as { default: string; sms: string; email: string };
      assert.equal(message.sms, '🚨긴급🚨 화재위험 디바이스DEV0001 위험도:0.92');
      assert.match(message.default, /화재 위험 감지 - 디바이스 DEV0001/);
      assert.match(message.email, /<h2 style="color: red;">🚨 화재 위험 감지 알림<\/h2>/);
      assert.match(message.email, /위험 점수:<\/strong> 0\.92/);
      assert.match(message.email, /아크 횟수: 0/);
      const webhook = JSON.parse(rows[1]?.payload ?? '{}') as { event: string; escalation_key: string; alarm: { id: string }; sms: string };
      assert.equal(rows[1]?.target, 'https://hooks.example/emberwatch');
      assert.equal(webhook.event, 'alarm.escalated');
      assert.equal(webhook.alarm.id, CRITICAL_ID);
      assert.equal(webhook.escalation_key, `${CRITICAL_ID}@${T0}`);
      assert.equal(h.service.get(CRITICAL_ID)?.escalated, true);
      // Once per presentation, also across a restart.
      assert.equal(h.db.prepare('SELECT count(*) FROM alarm_escalations').pluck().get(), 1);
      h.clock.now = T0 + 10 * MINUTE;
      h.service.tick();
      await h.settle();
      assert.equal(h.db.prepare('SELECT count(*) FROM cloud_outbox').pluck().get(), 2);
    } finally {
      h.close();
    }
  });

  test('acknowledged in time, an alarm does not escalate', async () => {
    const h = harness({ alarms: { webhook_url: 'https://hooks.example/x' } });
    try {
      raise(h, T0, 0, 'CRITICAL');
      h.clock.now = T0 + 2 * MINUTE;
      await h.service.act('acknowledge', { id: CRITICAL_ID, operator: 'kim' });
      h.clock.now = T0 + 10 * MINUTE;
      h.service.tick();
      await h.settle();
      assert.equal(h.db.prepare('SELECT count(*) FROM cloud_outbox').pluck().get(), 0);
    } finally {
      h.close();
    }
  });

  test('a station that stops saying hello is gone: its "audio not armed" trouble clears', async () => {
    const h = harness();
    try {
      h.service.hello({ station: 'desk-9', audio_armed: false });
      const id = 'console:desk-9:audio_not_armed';
      // A page's audio starts a moment after it loads: only audio still unarmed after 10 s is trouble.
      assert.equal(h.service.get(id), null);
      h.clock.now = T0 + 10 * SECOND;
      h.service.tick();
      assert.equal(h.service.get(id)?.state, 'unacknowledged');
      assert.equal(h.service.get(id)?.priority, 'high');
      h.service.hello({ station: 'desk-9', audio_armed: true });
      assert.equal(h.service.get(id)?.condition_active, false);
      h.service.hello({ station: 'desk-9', audio_armed: false });
      h.clock.now = T0 + 21 * SECOND;
      h.service.hello({ station: 'desk-9', audio_armed: false });
      assert.equal(h.service.get(id)?.condition_active, true);
      h.clock.now = T0 + 21 * SECOND + MINUTE;
      h.service.tick();
      assert.equal(h.service.get(id)?.condition_active, false);
      assert.equal(h.service.status().stations['desk-9'], undefined);
    } finally {
      h.close();
    }
  });

  test('more than 10 alarms in 10 minutes is a flood with its first-out alarm; 3 activations a minute is chattering', async () => {
    const h = harness();
    try {
      for (let i = 0; i < 12; i++) raise(h, T0 + i * 10 * SECOND, OVERCURRENT, 'NORMAL', `DEV${String(i).padStart(4, '0')}`);
      h.clock.now = T0 + 2 * MINUTE;
      h.service.tick();
      const flood = h.service.status().flood;
      assert.equal(flood.flooding, true);
      assert.equal(flood.first_out?.alarm_id, 'device:DEV0000:overcurrent');
      for (let i = 0; i < 3; i++) {
        raise(h, T0 + 3 * MINUTE + i * 10 * SECOND, OVERCURRENT, 'NORMAL', 'CHATTY');
        raise(h, T0 + 3 * MINUTE + i * 10 * SECOND + 5 * SECOND, 0, 'NORMAL', 'CHATTY');
      }
      h.clock.now = T0 + 3 * MINUTE + 30 * SECOND;
      h.service.tick();
      const chattering = h.service.status().chattering;
      assert.deepEqual(chattering.map((c) => [c.alarm_id, c.activations]), [['device:CHATTY:overcurrent', 3]]);
      assert.equal(h.service.get('device:CHATTY:overcurrent')?.chattering, true);
      await h.settle();
      const kpis = h.service.kpis(T0, T0 + 10 * MINUTE);
      assert.equal(kpis.alarms, 15);
      assert.equal(kpis.floods.episodes.length, 1);
      assert.equal(kpis.chattering[0]?.alarm_id, 'device:CHATTY:overcurrent');
      assert.equal(kpis.top_noisiest[0]?.alarm_id, 'device:CHATTY:overcurrent');
      assert.equal(kpis.priority_split.medium.count, 15);
    } finally {
      h.close();
    }
  });
});
