// Every temperature the sensors can report, through the firmware's own conversion and payload
// code: checked against the contract's rounding computed here, and written to the fixture the
// Java reader is held to.
import test from 'node:test';
import assert from 'node:assert/strict';
import { board } from '../../testlib/board.mjs';
import { compareFixture, exactDecimal, halfUp, hundredthsText as text } from '../../testlib/fixtures.mjs';

const b = board('esp8266temp');

// Steps: DS18B20 1/16 °C from -55 to 125 °C; DHT22 0.1 °C from -40.0 to 80.0 °C.
const SENSORS = [
  { sensor: 'ds18b20', from: -55 * 16, to: 125 * 16, den: 16n },
  { sensor: 'dht22', from: -400, to: 800, den: 10n },
];

test('payload fixture: every DS18B20 and DHT22 step, rounded half away from zero, independent of float width', async () => {
  const { value } = await b.run(
    [
      'import json, sensor, message',
      'out = {}',
      `for kind, lo, hi in ${JSON.stringify(SENSORS.map((s) => [s.sensor, s.from, s.to]))}:`,
      '    out[kind] = [message.payload((("temperature", sensor.hundredths(kind, raw)),)) for raw in range(lo, hi + 1)]',
      "json.dump(out, open('/out.json', 'w'))",
    ].join('\n'),
  );
  const entries = [];
  for (const { sensor, from, to, den } of SENSORS) {
    const payloads = value[sensor];
    assert.equal(payloads.length, to - from + 1);
    payloads.forEach((payload, i) => {
      const steps = BigInt(from + i);
      assert.equal(payload, `{"temperature": ${text(halfUp(steps, den))}}`, `${sensor} ${steps} steps`);
      entries.push({ raw: { sensor, steps: from + i }, values: { temperature: exactDecimal(steps, den) }, payload });
    });
  }
  assert.equal(entries.length, 2881 + 1201);
  const [committed, made] = compareFixture('esp8266temp', entries);
  assert.equal(committed, made, 'firmware/fixtures/esp8266temp-payloads.json differs from the firmware (UPDATE_FIXTURES=1 rewrites it)');
});

test('the 85.0 °C power-on value and CRC errors stay refused (raw steps, through the real ds18x20 driver)', async () => {
  const r = await b.boot({ scenario: { readings: [{ raw: 0x0550 }, 'crc', { raw: 0x0550 }] } });
  assert.match(r.text, /SensorError: ds18b20 on GPIO14, 3 tries, last: 85\.0 is the DS18B20 power-on value/);
  const crc = await b.boot({ scenario: { readings: ['crc', 'crc', 'crc'] } });
  assert.match(crc.text, /last: Exception CRC error/);
  // 1359 steps (84.9375 °C) is a temperature like any other.
  const near = await b.boot({ scenario: { readings: [{ raw: 1359 }] } });
  assert.match(near.text, /published \{"temperature": 84\.94, "ts": \d+\}/);
});

test('a scratchpad read before the conversion finished is the power-on value, refused', async () => {
  // What a firmware that skipped the 750 ms wait would get.
  const r = await b.run(
    [
      'import json, machine, onewire, ds18x20',
      'ds = ds18x20.DS18X20(onewire.OneWire(machine.Pin(14)))',
      'rom = ds.scan()[0]',
      'ds.convert_temp()',
      'pad = ds.read_scratch(rom)',
      "json.dump([pad[0], pad[1]], open('/out.json', 'w'))",
    ].join('\n'),
  );
  assert.deepEqual(r.value, [0x50, 0x05]);
});
