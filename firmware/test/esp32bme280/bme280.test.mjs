// The BME280 driver against a register-level BME280, checked against the datasheet's
// floating-point compensation (BST-BME280-DS002 section 8.1) written out here in JavaScript, and
// the payload fixture the Java reader is held to.
import test from 'node:test';
import assert from 'node:assert/strict';
import { board, of } from '../../testlib/board.mjs';
import { compareFixture, exactDecimal, halfUp, hundredthsText as text } from '../../testlib/fixtures.mjs';

const b = board('esp32bme280');

// Calibration sets: the BMP280 datasheet's worked example for temperature and pressure (section
// 3.12; the BME280 shares those formulas) with typical humidity trimming; values in the ranges
// production parts show; and a set whose humidity trimming is negative, so dig_H4/dig_H5 (12-bit,
// sharing register 0xE5) and dig_H6 must be read with their signs.
const SETS = {
  example: { T: [27504, 26435, -1000], P: [36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000], H: [75, 362, 0, 313, 50, 30] },
  typical: { T: [28224, 26406, 50], P: [37807, -10598, 3024, 8390, -140, -7, 9900, -10230, 4285], H: [75, 365, 0, 312, 50, 30] },
  // Its humidity spans 0..100 % for adc_H within 0..16000.
  negative: { T: [27000, 26000, -500], P: [36000, -10500, 3000, 5000, 100, -7, 12000, -12000, 5000], H: [0, 400, 10, -20, -20, -10], adcH: [0, 16000] },
};

// Registers 0x88..0xA1 then 0xE1..0xE7, as the datasheet's table 16 lays the parameters out.
function calibrationHex({ T, P, H }) {
  const b88 = Buffer.alloc(26);
  [...T, ...P].forEach((v, i) => (i === 0 || i === 3 ? b88.writeUInt16LE(v, 2 * i) : b88.writeInt16LE(v, 2 * i)));
  b88[25] = H[0];
  const [, h2, h3, h4, h5, h6] = H;
  const be1 = Buffer.alloc(7);
  be1.writeInt16LE(h2, 0);
  be1[2] = h3;
  be1[3] = (h4 >> 4) & 0xff;
  be1[4] = ((h5 & 0xf) << 4) | (h4 & 0xf);
  be1[5] = (h5 >> 4) & 0xff;
  be1.writeInt8(h6, 6);
  return Buffer.concat([b88, be1]).toString('hex');
}

// The datasheet's double-precision formulas (section 8.1): °C, Pa, %RH.
function reference({ T, P, H }, adcT, adcP, adcH) {
  const [T1, T2, T3] = T;
  const [P1, P2, P3, P4, P5, P6, P7, P8, P9] = P;
  const [H1, H2, H3, H4, H5, H6] = H;
  let var1 = (adcT / 16384.0 - T1 / 1024.0) * T2;
  let var2 = (adcT / 131072.0 - T1 / 8192.0) * (adcT / 131072.0 - T1 / 8192.0) * T3;
  const tFine = Math.trunc(var1 + var2);
  const t = (var1 + var2) / 5120.0;
  var1 = tFine / 2.0 - 64000.0;
  var2 = (var1 * var1 * P6) / 32768.0;
  var2 = var2 + var1 * P5 * 2.0;
  var2 = var2 / 4.0 + P4 * 65536.0;
  var1 = ((P3 * var1 * var1) / 524288.0 + P2 * var1) / 524288.0;
  var1 = (1.0 + var1 / 32768.0) * P1;
  let p = 1048576.0 - adcP;
  p = ((p - var2 / 4096.0) * 6250.0) / var1;
  var1 = (P9 * p * p) / 2147483648.0;
  var2 = (p * P8) / 32768.0;
  p = p + (var1 + var2 + P7) / 16.0;
  let h = tFine - 76800.0;
  h = (adcH - (H4 * 64.0 + (H5 / 16384.0) * h)) * ((H2 / 65536.0) * (1.0 + (H6 / 67108864.0) * h * (1.0 + (H3 / 67108864.0) * h)));
  h = h * (1.0 - (H1 * h) / 524288.0);
  return { t, p, h: Math.min(100, Math.max(0, h)) };
}

const inRange = ({ t, p }) => t >= -40 && t <= 85 && p >= 30000 && p <= 110000;

// A few hundred raw inputs over the sensor's range, from a fixed seed (the same every run).
function inputs(set, count) {
  let seed = 12345;
  const next = (lo, hi) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return lo + (seed % (hi - lo + 1));
  };
  const out = [];
  while (out.length < count) {
    const raw = [next(300000, 700000), next(200000, 700000), next(...(set.adcH ?? [15000, 45000]))];
    const ref = reference(set, ...raw);
    // Keep clear of the range's edges, where the integer and the float formula may disagree.
    if (ref.t > -39.9 && ref.t < 84.9 && ref.p > 30010 && ref.p < 109990) out.push(raw);
  }
  return out;
}

// One forced measurement per input through the register-level chip; the driver's integer
// outputs (0.01 °C, 1/256 Pa, 1/1024 %RH) or its error.
async function driverOutputs(set, raws) {
  const chip = { ...b.emulation.i2c_devices[0], calibration: calibrationHex(set) };
  const { value } = await b.run(
    [
      'import json, machine, bme280',
      'i2c = machine.I2C(0, scl=machine.Pin(22), sda=machine.Pin(21))',
      'out = []',
      `for _ in range(${raws.length}):`,
      '    try:',
      '        out.append(list(bme280.measure(i2c, 0x76)))',
      '    except bme280.SensorError as e:',
      '        out.append(str(e))',
      "json.dump(out, open('/out.json', 'w'))",
    ].join('\n'),
    { scenario: { i2c: [chip], bme280: raws } },
  );
  return value;
}

test('the datasheet example: 25.08 °C and 100653.27 Pa', async () => {
  const [[t, p]] = await driverOutputs(SETS.example, [[519888, 415148, 30000]]);
  assert.equal(t, 2508);
  assert.ok(Math.abs(p / 256 - 100653.27) < 1, `${p / 256} Pa`);
});

for (const [name, set] of Object.entries(SETS)) {
  test(`driver output matches the datasheet's floating-point formulas (calibration "${name}", 150 raw inputs)`, async (t) => {
    const raws = inputs(set, 150);
    const outs = await driverOutputs(set, raws);
    let worst = { t: 0, p: 0, h: 0 };
    raws.forEach((raw, i) => {
      const ref = reference(set, ...raw);
      const out = outs[i];
      assert.ok(Array.isArray(out), `${raw}: ${out}`);
      const [temp, p, h] = out;
      const dt = Math.abs(temp / 100 - ref.t);
      const dp = Math.abs(p / 25600 - ref.p / 100);
      const dh = Math.abs(h / 1024 - ref.h);
      assert.ok(dt <= 0.01, `${raw}: ${temp / 100} °C, datasheet ${ref.t}`);
      assert.ok(dp <= 0.01, `${raw}: ${p / 25600} hPa, datasheet ${ref.p / 100}`);
      assert.ok(dh <= 0.1, `${raw}: ${h / 1024} %, datasheet ${ref.h}`);
      worst = { t: Math.max(worst.t, dt), p: Math.max(worst.p, dp), h: Math.max(worst.h, dh) };
    });
    // The inputs span the range: the check is not run on one corner only.
    const refs = raws.map((raw) => reference(set, ...raw));
    assert.ok(Math.max(...refs.map((r) => r.t)) - Math.min(...refs.map((r) => r.t)) > 60);
    assert.ok(Math.max(...refs.map((r) => r.h)) - Math.min(...refs.map((r) => r.h)) > 40);
    t.diagnostic(`largest differences: ${JSON.stringify(worst)}`);
  });
}

test('readings outside the operating range are refused, not sent', async () => {
  const set = SETS.example;
  const raws = [[0xffff0, 415148, 30000], [519888, 0xffff0, 30000], [250000, 415148, 30000]];
  for (const raw of raws) assert.ok(!inRange(reference(set, ...raw)), `${raw} is out of range by the datasheet`);
  const outs = await driverOutputs(set, raws);
  for (const out of outs) assert.match(out, /is outside the BME280's range/);
});

test('forced mode: reset, ctrl_hum before ctrl_meas, the measurement waited for, one burst read', async () => {
  const r = await b.boot();
  const writes = of(r.events, 'i2c_write');
  assert.deepEqual(writes, [[0xe0, 0xb6], [0xf2, 0x01], [0xf4, 0x25]]);
  const n = r.events.map((e) => (e[1] === 'i2c_read' ? `read ${e[2]}/${e[3]}` : e[1]));
  const measured = n.indexOf('bme280_measured');
  assert.ok(measured > 0);
  assert.ok(n.indexOf('read 247/8') > measured); // 0xF7..0xFE in one read, after the measurement
  assert.equal(n.filter((x) => x === 'read 247/8').length, 1);
});

test('payload fixture: the firmware\'s payload for a few hundred raw inputs, rounded as the contract says', async () => {
  const entries = [];
  for (const [name, set] of Object.entries(SETS)) {
    const raws = inputs(set, 100);
    const calibration = calibrationHex(set);
    const { value } = await b.run(
      [
        'import json, bme280, message',
        `cal = bme280.calibration(bytes.fromhex('${calibration.slice(0, 52)}'), bytes.fromhex('${calibration.slice(52)}'))`,
        'out = []',
        `for adc in ${JSON.stringify(raws)}:`,
        '    t, p, h = bme280.compensate(cal, *adc)',
        '    out.append([t, p, h, message.payload(bme280.hundredths(t, p, h))])',
        "json.dump(out, open('/out.json', 'w'))",
      ].join('\n'),
    );
    raws.forEach(([adcT, adcP, adcH], i) => {
      const [t, p, h, payload] = value[i];
      // The contract's rule, computed here from the exact values: the payload must say the same.
      const expected = `{"temperature": ${text(BigInt(t))}, "humidity": ${text(halfUp(BigInt(h), 1024n))}, "pressure": ${text(halfUp(BigInt(p), 25600n))}}`;
      assert.equal(payload, expected, `${name} ${[adcT, adcP, adcH]}`);
      entries.push({
        raw: { calibration, adc_T: adcT, adc_P: adcP, adc_H: adcH },
        values: { temperature: exactDecimal(t, 100), humidity: exactDecimal(h, 1024), pressure: exactDecimal(p, 25600) },
        payload,
      });
    });
  }
  assert.ok(entries.length >= 300);
  const [committed, made] = compareFixture('esp32bme280', entries);
  assert.equal(committed, made, 'firmware/fixtures/esp32bme280-payloads.json differs from the firmware (UPDATE_FIXTURES=1 rewrites it)');
});
