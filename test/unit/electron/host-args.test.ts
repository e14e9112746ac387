import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HOST_SWITCHES, HOST_VALUE_FLAGS, hostArgs, userArgs } from '../../../electron/host-args';
import { parseHostArgs } from '../../../electron/host/config/parse-args';

describe('host arguments', () => {
  it('pass the host\'s flags on, in both spellings', () => {
    assert.deepEqual(
      hostArgs(['--mqtt-url', 'mqtt://broker:1883', '--data-dir=/var/lib/ew', '--no-demo', '--kiosk', '--port', '5781']),
      ['--mqtt-url', 'mqtt://broker:1883', '--data-dir=/var/lib/ew', '--no-demo', '--kiosk', '--port', '5781'],
    );
  });

  it('pass the demo and language settings on', () => {
    assert.deepEqual(
      hostArgs(['--demo', '--demo-devices', '500', '--demo-period=2', '--language', 'ko']),
      ['--demo', '--demo-devices', '500', '--demo-period=2', '--language', 'ko'],
    );
  });

  it('drop Chromium switches and stray words', () => {
    assert.deepEqual(hostArgs(['--no-sandbox', '.', '--enable-logging', '--inspect=9229', '--host', '0.0.0.0']), ['--host', '0.0.0.0']);
  });

  it('drop a value flag that has no value', () => {
    assert.deepEqual(hostArgs(['--data-dir']), []);
    assert.deepEqual(hostArgs(['--data-dir', '--no-demo']), ['--no-demo']);
  });

  it('skip the app path when the app is not packaged', () => {
    assert.deepEqual(userArgs(['/usr/bin/electron', '.', '--kiosk'], false), ['--kiosk']);
    assert.deepEqual(userArgs(['/opt/Emberwatch/emberwatch', '--kiosk'], true), ['--kiosk']);
  });

  it('are all flags the host itself accepts', () => {
    const sample: Record<string, string> = {
      '--data-dir': '/var/lib/emberwatch',
      '--mqtt-url': 'mqtt://broker:1883',
      '--port': '5781',
      '--host': '127.0.0.1',
      '--demo-devices': '10',
      '--demo-period': '1',
      '--language': 'en',
    };
    for (const flag of HOST_VALUE_FLAGS) {
      assert.ok(flag in sample, `no sample value for ${flag}`);
      assert.doesNotThrow(() => parseHostArgs(hostArgs([flag, sample[flag] ?? ''])), flag);
    }
    for (const flag of HOST_SWITCHES) assert.doesNotThrow(() => parseHostArgs(hostArgs([flag])), flag);
  });
});
