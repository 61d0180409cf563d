// config.json, for every type: required keys give a clear message naming the key; nothing is
// attempted then, and the board stays at the REPL so the file can be fixed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { board, types, of } from '../testlib/board.mjs';
import { halfUp } from '../testlib/fixtures.mjs';

const REQUIRED = ['thing_name', 'endpoint', 'port', 'topic', 'wifi_ssid', 'wifi_password'];

function assertStoppedAtRepl(r) {
  assert.equal(r.error, null, r.text); // no traceback
  assert.equal(r.halt, null); // neither deep sleep nor reset: main.py returned
  assert.deepEqual(of(r.events, 'wifi_connect'), []);
  assert.deepEqual(of(r.events, 'publish'), []);
}

for (const type of types()) {
  const { boot, baseConfig, run, contract } = board(type);
  const measure = contract.measures[0];

  for (const key of REQUIRED) {
    test(`${type}: a config without "${key}" prints a clear message naming it`, async () => {
      const config = baseConfig();
      delete config[key];
      const r = await boot({ config });
      assert.match(r.text, new RegExp(`\\[iot\\] config error: missing required key '${key}' in config\\.json`));
      assertStoppedAtRepl(r);
    });
  }

  test(`${type}: a missing config.json and invalid JSON get their own message`, async () => {
    const none = await boot({ config: null });
    assert.match(none.text, /config error: config\.json not found next to main\.py/);
    assertStoppedAtRepl(none);
    const broken = await boot({ config: '{"thing_name": "x",' });
    assert.match(broken.text, /config error: config\.json is not valid JSON/);
    assertStoppedAtRepl(broken);
  });

  test(`${type}: keepalive_s outside 30..1200 is refused with the allowed range`, async () => {
    for (const keepalive_s of [29, 1201]) {
      const r = await boot({ config: baseConfig({ keepalive_s }) });
      assert.match(r.text, /config error: 'keepalive_s' must be a whole number within 30\.\.1200/);
      assertStoppedAtRepl(r);
    }
    for (const keepalive_s of [30, 1200]) {
      const r = await boot({ config: baseConfig({ keepalive_s }) });
      assert.equal(of(r.events, 'mqtt_client')[0][3], keepalive_s);
    }
  });

  test(`${type}: an unknown mode is refused with the allowed values`, async () => {
    const m = await boot({ config: baseConfig({ mode: 'sometimes' }) });
    assert.match(m.text, /config error: 'mode' must be one of deepsleep, always_on/);
    assertStoppedAtRepl(m);
  });

  test(`${type}: wrongly typed values are refused by key name`, async () => {
    const r = await boot({ config: baseConfig({ port: '8883' }) });
    assert.match(r.text, /config error: 'port' must be a whole number within 1\.\.65535/);
    const e = await boot({ config: baseConfig({ endpoint: '' }) });
    assert.match(e.text, /config error: 'endpoint' must be a non-empty string/);
    const c = await boot({ config: baseConfig({ backoff_base_s: 60, backoff_cap_s: 30 }) });
    assert.match(c.text, /config error: 'backoff_cap_s' must not be below 'backoff_base_s'/);
  });

  test(`${type}: an empty Wi-Fi password (open network) is accepted`, async () => {
    const r = await boot({ config: baseConfig({ wifi_password: '' }) });
    assert.deepEqual(of(r.events, 'wifi_connect'), [['HomeNet', '']]);
    assert.equal(of(r.events, 'publish').length, 1);
  });

  test(`${type}: publish_every outside 1..288 is refused with the allowed range`, async () => {
    for (const publish_every of [0, 289, '6', 2.5]) {
      const r = await boot({ config: baseConfig({ publish_every }) });
      assert.match(r.text, /config error: 'publish_every' must be a whole number within 1\.\.288/);
      assertStoppedAtRepl(r);
    }
  });

  test(`${type}: thresholds that are not measures of the board, or not numbers, are refused by key name`, async () => {
    const refused = [
      [[1, 2], /'thresholds' must be an object of measures/],
      [{ wind: { above: 3 } }, new RegExp(`'thresholds' names 'wind', which this board does not measure \\(${contract.measures.join(', ')}\\)`)],
      [{ [measure]: 30 }, new RegExp(`'thresholds\\.${measure}' must be an object with 'above', 'below' or both`)],
      [{ [measure]: { over: 30 } }, new RegExp(`'thresholds\\.${measure}' must be an object with 'above', 'below' or both`)],
      [{ [measure]: { above: '30' } }, new RegExp(`'thresholds\\.${measure}\\.above' must be a number`)],
      [{ [measure]: { below: true } }, new RegExp(`'thresholds\\.${measure}\\.below' must be a number`)],
    ];
    for (const [thresholds, message] of refused) {
      const r = await boot({ config: baseConfig({ thresholds }) });
      assert.match(r.text, message, JSON.stringify(thresholds));
      assertStoppedAtRepl(r);
    }
    const ok = await boot({ config: baseConfig({ thresholds: { [measure]: { above: 30.5 }, [contract.measures.at(-1)]: {} } }) });
    assert.equal(of(ok.events, 'publish').length, 1, ok.text);
  });

  test(`${type}: threshold bounds are taken in hundredths, rounded half away from zero from the decimal written`, async () => {
    // [above, below] as config.json writes them, and the exact decimals they stand for.
    const given = [[30.005, -0.005], [1013.255, 21.3], [30, -40.125], ['1.25e1', '-2.5e-3']];
    const exact = [[[30005n, 1000n], [-5n, 1000n]], [[1013255n, 1000n], [213n, 10n]], [[30n, 1n], [-40125n, 1000n]], [[125n, 10n], [-25n, 10000n]]];
    for (const [i, [above, below]] of given.entries()) {
      // Written as JSON text, so that exponents reach the board as written.
      const config = JSON.stringify(baseConfig({ thresholds: { [measure]: { above: 'A', below: 'B' } } })).replace('"A"', above).replace('"B"', below);
      const { value } = await run("import json, settings\njson.dump(settings.load()['thresholds'], open('/out.json', 'w'))", { config });
      // The contract's rule on the exact decimals, computed here.
      assert.deepEqual(value, { [measure]: exact[i].map(([n, d]) => Number(halfUp(n, d))) }, `${above} ${below}`);
    }
  });
}
