import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { connectAsync } from 'mqtt';
import type { HealthResponse, QuarantineResponse } from '../../shared/protocol';
import type { Mosquitto } from '../support/mosquitto';
import { mosquittoAvailable, startMosquitto } from '../support/mosquitto';
import { getJson, startServeProcess, waitFor } from '../support/serve-process';
import { readFixtureLines } from '../unit/scoring/golden-fixtures';

// The golden set with bad lines, published through a real broker: every line the scoring contract
// rejects is quarantined under the contract's code, and nothing else is.

function topicFor(line: string): string | null {
  let id: unknown;
  try {
    id = (JSON.parse(line) as { deviceId?: unknown }).deviceId;
  } catch {
    return 'fire-prediction/device/UNPARSABLE/data';
  }
  // A line whose device id cannot name a topic is left out: on a broker it could not have been published.
  if (typeof id === 'number' && Number.isInteger(id) && id >= 0) return `fire-prediction/device/${id}/data`;
  if (typeof id === 'string' && /^[^/+#\s]+$/.test(id) && id.length <= 128) return `fire-prediction/device/${id}/data`;
  return null;
}

describe('quarantine of a stream with known bad lines', { skip: mosquittoAvailable() ? false : 'mosquitto is not installed' }, () => {
  test('counts per reason match the scoring contract', async () => {
    const inputs = readFixtureLines('scoring-input-bad.jsonl.gz');
    const expected = readFixtureLines('scoring-expected-bad.jsonl.gz');
    const published: Array<{ topic: string; line: string; code: string | null }> = [];
    inputs.forEach((line, i) => {
      const topic = topicFor(line);
      if (topic === null) return;
      const result = JSON.parse(expected[i] as string) as { error?: { code: string } };
      published.push({ topic, line, code: result.error?.code ?? null });
    });
    const wantByReason: Record<string, number> = {};
    for (const p of published) if (p.code) wantByReason[p.code] = (wantByReason[p.code] ?? 0) + 1;
    assert.ok(Object.keys(wantByReason).length >= 4, 'the set exercises several reasons');

    const broker: Mosquitto = await startMosquitto({ config: ['max_queued_messages 0'] });
    const serve = await startServeProcess(['--mqtt-url', broker.url]);
    const device = await connectAsync(broker.url, { clientId: 'bad-lines' });
    try {
      await waitFor('connected', async () => ((await getJson<HealthResponse>(`${serve.url}/api/health`)).body.connections[0]?.state === 'connected' ? true : undefined));
      for (let at = 0; at < published.length; at += 200) {
        await Promise.all(published.slice(at, at + 200).map((p) => device.publishAsync(p.topic, p.line, { qos: 1 })));
      }
      const health = await waitFor('every line taken', async () => {
        const { body } = await getJson<HealthResponse>(`${serve.url}/api/health`);
        return body.ingest.received >= published.length ? body : undefined;
      }, 60_000);
      assert.deepEqual(health.quarantine.by_reason, wantByReason);
      assert.equal(health.quarantine.total, Object.values(wantByReason).reduce((a, b) => a + b, 0));
      const { body: list } = await getJson<QuarantineResponse>(`${serve.url}/api/quarantine?limit=5`);
      assert.equal(list.messages.length, 5);
      for (const m of list.messages) {
        assert.ok(m.reason in wantByReason);
        assert.equal(m.connection, 'primary');
        assert.match(m.topic, /^fire-prediction\/device\//);
        assert.ok(m.detail.length > 0 && m.payload_preview.length > 0);
      }
    } finally {
      await device.endAsync();
      await serve.stop();
      await broker.stop();
    }
  });
});
