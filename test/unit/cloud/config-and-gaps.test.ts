import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { environmentSuffix, resolveCloudConfig } from '../../../electron/host/cloud/cloud-config';
import { findGaps, mergeRanges } from '../../../electron/host/cloud/gaps';
import { defaultSettings, parseSettings } from '../../../electron/host/config/settings-file';
import type { CloudSettings } from '../../../electron/host/config/cloud-schema';

function cloudSettings(patch: Record<string, unknown> = {}): CloudSettings {
  return parseSettings(JSON.stringify({ cloud: { enabled: true, ...patch } }), 'settings.json').cloud;
}

describe('cloud settings', () => {
  it('are off by default, and nothing is configured then', () => {
    assert.equal(defaultSettings().cloud.enabled, false);
    assert.equal(resolveCloudConfig(defaultSettings().cloud, { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_DYNAMODB: 'http://x:8000' }), null);
  });

  it('EMBERWATCH_CLOUD overrides settings, both ways', () => {
    assert.notEqual(resolveCloudConfig(defaultSettings().cloud, { EMBERWATCH_CLOUD: '1' }), null);
    assert.equal(resolveCloudConfig(cloudSettings(), { EMBERWATCH_CLOUD: '0' }), null);
    assert.throws(() => resolveCloudConfig(cloudSettings(), { EMBERWATCH_CLOUD: 'maybe' }), /EMBERWATCH_CLOUD must be 0 or 1/);
  });

  it('table names are the seed\'s, with the environment suffix the seed deployed', () => {
    assert.deepEqual(resolveCloudConfig(cloudSettings(), {})?.tables, {
      raw_data: 'FirePrediction-RawData',
      device_state: 'FirePrediction-DeviceState',
      alerts: 'FirePrediction-Alerts',
    });
    assert.equal(resolveCloudConfig(cloudSettings({ environment: 'prod' }), {})?.tables.alerts, 'FirePrediction-Alerts-prod');
    assert.equal(environmentSuffix('-dev'), '-dev');
    assert.equal(environmentSuffix(''), '');
    assert.equal(resolveCloudConfig(cloudSettings({ tables: { raw_data: 'Site7-Raw' } }), {})?.tables.raw_data, 'Site7-Raw');
    assert.throws(() => resolveCloudConfig(cloudSettings({ tables: { alerts: 'bad name' } }), {}), /cloud.tables.alerts/);
  });

  it('the SDK\'s own variables win over settings: region, profile, endpoint, credentials', () => {
    const settings = cloudSettings({ region: 'ap-northeast-2', profile: 'site', endpoint: 'http://localhost:8000', access_key_id: 'AKIA1', secret_access_key: 'sealed:file:x' });
    const fromSettings = resolveCloudConfig(settings, {});
    assert.equal(fromSettings?.region, 'ap-northeast-2');
    assert.equal(fromSettings?.profile, 'site');
    assert.equal(fromSettings?.endpoint, 'http://localhost:8000');
    assert.equal(fromSettings?.accessKeyId, 'AKIA1');
    const fromEnv = resolveCloudConfig(settings, { AWS_REGION: 'us-west-2', AWS_PROFILE: 'ops', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9000', AWS_ACCESS_KEY_ID: 'AKIA2' });
    assert.equal(fromEnv?.region, 'us-west-2');
    assert.equal(fromEnv?.profile, 'ops');
    assert.equal(fromEnv?.endpoint, 'http://127.0.0.1:9000');
    assert.equal(fromEnv?.accessKeyId, undefined, 'environment credentials are the chain\'s');
    assert.throws(() => resolveCloudConfig(settings, { AWS_ENDPOINT_URL_DYNAMODB: 'ftp://x' }), /http:\/\/ or https:\/\//);
  });

  it('a mistake in the cloud settings names the field', () => {
    assert.throws(() => parseSettings(JSON.stringify({ cloud: { mirror: { readings: 'yes' } } }), 'settings.json'), /cloud\.mirror\.readings must be true or false/);
    assert.throws(() => parseSettings(JSON.stringify({ cloud: { tabels: {} } }), 'settings.json'), /cloud\.tabels is not a known setting/);
  });
});

describe('gaps in the local history', () => {
  it('finds the holes longer than the minimum, at the start, between readings and at the end', () => {
    assert.deepEqual(findGaps([100, 110, 200, 210], 0, 300, 50), [
      { fromMs: 0, toMs: 99 },
      { fromMs: 111, toMs: 199 },
      { fromMs: 211, toMs: 300 },
    ]);
    assert.deepEqual(findGaps([10, 20, 30], 0, 40, 15), []);
    assert.deepEqual(findGaps([], 0, 1000, 50), [{ fromMs: 0, toMs: 1000 }]);
  });

  it('joins ranges that overlap or lie close together', () => {
    assert.deepEqual(mergeRanges([{ fromMs: 50, toMs: 60 }, { fromMs: 0, toMs: 10 }, { fromMs: 12, toMs: 20 }], 5), [
      { fromMs: 0, toMs: 20 },
      { fromMs: 50, toMs: 60 },
    ]);
  });
});
