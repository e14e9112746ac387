import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ConnectionSettings } from '../../../electron/host/config/settings';
import {
  ConnectionConfigError,
  RECEIVE_MAXIMUM,
  buildClientOptions,
  isAwsIotEndpoint,
  rateLimitFor,
} from '../../../electron/host/ingest/connection-options';

const base: ConnectionSettings = { id: 'c', url: 'mqtt://broker:1883', topics: ['fire-prediction/device/+/data'], qos: 1 };
const dir = mkdtempSync(join(tmpdir(), 'emberwatch-pem-'));
for (const name of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(dir, name), `-----BEGIN X-----\n${name}\n-----END X-----\n`);
writeFileSync(join(dir, 'password'), 's3cret\n');

test('sessions persist by default: clean=false, MQTT 5 expiry and a large receive maximum', () => {
  const options = buildClientOptions(base, 'emberwatch-abc-c');
  assert.equal(options.clientId, 'emberwatch-abc-c');
  assert.equal(options.clean, false);
  assert.equal(options.protocolVersion, 5);
  assert.equal(options.properties?.sessionExpiryInterval, 86400);
  assert.equal(options.properties?.receiveMaximum, RECEIVE_MAXIMUM);
  assert.equal(options.reconnectPeriod, 0, 'reconnection is ours, with backoff');
});

test('a site can set the receive maximum (the in-flight window an MQTT 5 broker gives us)', () => {
  assert.equal(buildClientOptions({ ...base, receive_maximum: 20 }, 'x').properties?.receiveMaximum, 20);
});

test('mqtt.js traces nothing unless DEBUG asks for it', () => {
  const saved = process.env.DEBUG;
  try {
    delete process.env.DEBUG;
    assert.equal(typeof buildClientOptions(base, 'x').log, 'function');
    process.env.DEBUG = 'mqttjs*';
    assert.equal(buildClientOptions(base, 'x').log, undefined);
  } finally {
    if (saved === undefined) delete process.env.DEBUG;
    else process.env.DEBUG = saved;
  }
});

test('MQTT 3.1.1 brokers get no MQTT 5 properties', () => {
  const options = buildClientOptions({ ...base, protocol_version: 4 }, 'x');
  assert.equal(options.protocolVersion, 4);
  assert.equal(options.properties, undefined);
});

test('AWS IoT Core on 443: client certificate, key, CA and the x-amzn-mqtt-ca ALPN', () => {
  const aws: ConnectionSettings = {
    ...base,
    url: 'mqtts://abc123-ats.iot.ap-northeast-2.amazonaws.com:443',
    ca_file: join(dir, 'ca.pem'),
    cert_file: join(dir, 'cert.pem'),
    key_file: join(dir, 'key.pem'),
  };
  const options = buildClientOptions(aws, 'x') as Record<string, unknown>;
  assert.deepEqual(options.ALPNProtocols, ['x-amzn-mqtt-ca']);
  assert.match(String(options.cert), /cert\.pem/);
  assert.match(String(options.key), /key\.pem/);
  assert.match(String(options.ca), /ca\.pem/);
  assert.equal(options.rejectUnauthorized, true);
  assert.equal(rateLimitFor(aws), 100);
  const on8883 = buildClientOptions({ ...aws, url: 'mqtts://abc123-ats.iot.ap-northeast-2.amazonaws.com:8883' }, 'x') as Record<string, unknown>;
  assert.equal(on8883.ALPNProtocols, undefined);
});

test('configuration mistakes are named', () => {
  assert.throws(() => buildClientOptions({ ...base, url: 'mqtts://b:8883', cert_file: join(dir, 'cert.pem') }, 'x'), /needs its private key/);
  assert.throws(() => buildClientOptions({ ...base, ca_file: join(dir, 'ca.pem') }, 'x'), /is not a TLS URL/);
  assert.throws(() => buildClientOptions({ ...base, url: 'mqtts://b:8883', ca_file: join(dir, 'missing.pem') }, 'x'), ConnectionConfigError);
});

test('a password is read from its file, never from settings.json', () => {
  const options = buildClientOptions({ ...base, username: 'console', password_file: join(dir, 'password') }, 'x');
  assert.equal(options.username, 'console');
  assert.equal(options.password, 's3cret');
});

test('rate limits: AWS endpoints are known, others only when set', () => {
  assert.equal(isAwsIotEndpoint('mqtts://a1b2-ats.iot.us-east-1.amazonaws.com:8883'), true);
  assert.equal(isAwsIotEndpoint('mqtts://iot.example.com'), false);
  assert.equal(rateLimitFor(base), null);
  assert.equal(rateLimitFor({ ...base, limit_per_s: 250 }), 250);
});
