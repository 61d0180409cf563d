// config.json settings of this type only (the shared ones: test/config.test.mjs).
import test from 'node:test';
import assert from 'node:assert/strict';
import { board, of } from '../../testlib/board.mjs';

const { boot, baseConfig } = board('esp8266temp');

test('an unknown sensor is refused with the allowed values, before anything is attempted', async () => {
  const s = await boot({ config: baseConfig({ sensor: 'bme280' }) });
  assert.match(s.text, /config error: 'sensor' must be one of ds18b20, dht22/);
  assert.equal(s.halt, null);
  assert.deepEqual(of(s.events, 'wifi_connect'), []);
});

test('a pin outside GPIO0..16 is refused', async () => {
  const s = await boot({ config: baseConfig({ pin: 17 }) });
  assert.match(s.text, /config error: 'pin' must be a whole number within 0\.\.16/);
  assert.deepEqual(of(s.events, 'onewire'), []);
});
