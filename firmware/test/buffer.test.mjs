// Boards that never lose a reading (issue 22), whatever the type: readings kept in RTC memory
// and a flash ring while they cannot be published, sent oldest first with their own time over
// one connection, the oldest dropped and counted when full, flash written at most once per
// wake-up. What is kept is read as firmware/README.md describes it (testlib/kept.mjs).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { board, types, of, NTP_NOW } from '../testlib/board.mjs';
import { readFlash, readRtc, sent, writeFlash, writeRtc, UNIX_2000 } from '../testlib/kept.mjs';
import { fixturePath } from '../testlib/fixtures.mjs';

const DOWN = { wifi_connect_ms: null, wifi_status: 'STAT_NO_AP_FOUND' };
const SIZES = { h: 2, H: 2, i: 4, I: 4 };
const FLASH_READINGS = 288; // README: the ring holds 24 hours of 5-minute readings
const BOARD_NOW = NTP_NOW - UNIX_2000; // NTP_NOW on the board's clock, which counts from 2000

for (const type of types()) {
  const { baseConfig, device, contract, emulation, run } = board(type);
  const packing = emulation.kept_values;
  // README: what RTC memory holds after its 22-byte header and the 12-byte header of its readings.
  const readingBytes = 3 + [...packing].reduce((s, c) => s + SIZES[c], 0);
  const rtcReadings = Math.floor((emulation.rtc_memory_bytes - 22 - 12) / readingBytes);
  const rtcOf = (r) => readRtc(r.rtc, packing);
  const flashOf = (r) => (r.flash['buffer.bin'] ? readFlash(r.flash['buffer.bin'], packing) : { dropped: 0, readings: [] });
  const assertFlashWrittenAtMostOnce = (d) => d.boots.forEach((r, i) => assert.ok(r.flashWrites.length <= 1, `boot ${i + 1} wrote ${JSON.stringify(r.flashWrites)}`));

  // A board whose clock NTP set an hour ago, holding these readings (dated, 5 minutes apart,
  // the newest taken 5 minutes before now, when the next is due).
  function seeded({ inFlash = 0, inRtc = 0, undatedInFlash = 0, flashDropped = 0, config } = {}) {
    const total = inFlash + inRtc;
    const values = (k) => [...packing].map((c, j) => 1000 + 10 * k + j);
    const readings = Array.from({ length: total }, (_, k) => ({ t: BOARD_NOW - 300 * (total - k), dated: true, values: values(k) }));
    const flashReadings = readings.slice(0, inFlash).map((r, k) => (k >= inFlash - undatedInFlash ? { ...r, dated: false, t: 1000 + k } : r));
    return device({
      config,
      clockMs: NTP_NOW * 1000,
      rtc: writeRtc({ synced: BOARD_NOW - 3600, due: BOARD_NOW, dropped: flashDropped, readings: readings.slice(inFlash) }, packing),
      flash: inFlash ? { 'buffer.bin': writeFlash({ dropped: flashDropped, readings: flashReadings }, packing) } : {},
    });
  }
  const seedTs = (t) => (t + UNIX_2000) * 1000;

  test(`${type}: Wi-Fi down for 12 readings, then up: 13 readings published in order, 5 minutes apart, dated right, over one connection`, async () => {
    const d = device(); // from power-on: the clock was never set
    const start = NTP_NOW * 1000;
    // Down for the hour of 12 readings; back a second before the 13th is due.
    const outage = { wifi_down_until_ms: start + 12 * 300000 - 1000, wifi_status: 'STAT_NO_AP_FOUND' };
    const readingBoots = [];
    let messages = [];
    while (!messages.length) {
      const r = await d.boot(outage);
      if (rtcOf(r).readings.length + sent(r.events).length > readingBoots.length) readingBoots.push(r);
      messages = sent(r.events);
      assert.ok(d.boots.length < 100, 'never published');
    }
    const up = d.boots.at(-1);
    assert.ok(up.startedMs >= outage.wifi_down_until_ms);
    assert.equal(messages.length, 13, up.text);
    assert.equal(readingBoots.length, 13);
    assert.equal(of(up.events, 'mqtt_connect').length, 1);
    // Until then every try failed, and what was kept had no date: the clock was never set.
    assert.ok(d.boots.slice(0, -1).every((r) => of(r.events, 'connected').length === 0));
    assert.ok(rtcOf(d.boots.at(-2)).readings.every((x) => !x.dated));
    const ts = messages.map((m) => m.ts);
    assert.deepEqual(ts.slice(1).map((t, i) => t - ts[i]), Array(12).fill(300000));
    // Dated right: each within a second and a half of when its wake-up began (the sensor's
    // conversion and the clock's whole seconds).
    ts.forEach((t, i) => assert.ok(Math.abs(t - readingBoots[i].startedMs) < 1500, `reading ${i + 1}: ${t - readingBoots[i].startedMs} ms off`));
    assert.ok(messages.every((m) => m.dropped === 0 && m.age_ms === undefined));
    assert.equal(rtcOf(up).readings.length, 0);
    assert.equal(rtcOf(up).failures, 0);
    // Twelve readings fit in RTC memory: flash was never touched.
    assert.deepEqual(d.boots.flatMap((r) => r.flashWrites), []);
  });

  test(`${type}: RTC memory full: its readings move to the flash ring in one write; full too, the oldest are dropped and the next message says how many`, async () => {
    const d = seeded({ inFlash: FLASH_READINGS, inRtc: rtcReadings });
    const before = [...readFlash(d.kept.flash['buffer.bin'], packing).readings, ...readRtc(d.kept.rtc, packing).readings];
    const offline = await d.boot(DOWN);
    assert.deepEqual(offline.flashWrites, [['write', 'buffer.bin']]);
    const ring = flashOf(offline);
    // The ring keeps its newest FLASH_READINGS; RTC memory holds the new reading alone.
    assert.deepEqual(ring.readings, before.slice(rtcReadings));
    assert.equal(ring.dropped, rtcReadings);
    assert.equal(rtcOf(offline).dropped, rtcReadings);
    assert.equal(rtcOf(offline).readings.length, 1);
    const online = await d.boot();
    const messages = sent(online.events);
    // The next wake-up is the retry, 5 s later: no new reading.
    assert.equal(messages.length, FLASH_READINGS + 1, online.text);
    assert.deepEqual(
      messages.slice(0, FLASH_READINGS).map((m) => m.ts),
      before.slice(rtcReadings).map((x) => seedTs(x.t)),
    );
    assert.deepEqual(messages.map((m) => m.dropped), [rtcReadings, ...Array(messages.length - 1).fill(0)]);
    // Sent: the ring is gone (one removal), RTC memory empty, the count cleared.
    assert.deepEqual(online.flashWrites, [['remove', 'buffer.bin']]);
    assert.equal(online.flash['buffer.bin'], undefined);
    assert.equal(rtcOf(online).readings.length, 0);
    assert.equal(rtcOf(online).dropped, 0);
    assertFlashWrittenAtMostOnce(d);
  });

  test(`${type}: the kept values are the published ones, packed as README says (${packing})`, async () => {
    const d = device();
    const offline = await d.boot(DOWN);
    const [kept] = rtcOf(offline).readings;
    const online = await d.boot();
    const [m] = sent(online.events);
    const published = JSON.parse(m.measures);
    assert.deepEqual(Object.keys(published), contract.measures);
    assert.deepEqual(kept.values, contract.measures.map((k) => Math.round(published[k] * 100)));
  });

  test(`${type}: a power cut loses RTC memory but not the flash ring`, async () => {
    // Full RTC memory moves to flash at the next reading: what the board itself wrote.
    const d = seeded({ inRtc: rtcReadings });
    const seededRtc = readRtc(d.kept.rtc, packing).readings;
    const offline = await d.boot(DOWN);
    assert.deepEqual(offline.flashWrites, [['write', 'buffer.bin']]);
    assert.equal(rtcOf(offline).readings.length, 1);
    const lost = rtcOf(offline).readings[0];
    d.powerCut();
    const r = await d.boot();
    assert.equal(readRtc(r.rtc, packing).readings.length, 0);
    const messages = sent(r.events);
    // The ring's readings with their own times, then the reading taken after the power came
    // back; the one RTC memory held is gone.
    assert.deepEqual(messages.slice(0, rtcReadings).map((m) => m.ts), seededRtc.map((x) => seedTs(x.t)));
    assert.equal(messages.length, rtcReadings + 1);
    assert.ok(!messages.some((m) => m.ts === seedTs(lost.t)));
    assert.ok(Math.abs(messages.at(-1).ts - r.startedMs) < 1500);
    assertFlashWrittenAtMostOnce(d);
  });

  test(`${type}: after a power cut, readings in flash that were never dated are dropped and counted: their clock is gone`, async () => {
    const d = seeded({ inFlash: 10, undatedInFlash: 4, flashDropped: 2 });
    d.powerCut();
    const r = await d.boot();
    const messages = sent(r.events);
    assert.equal(messages.length, 6 + 1);
    assert.deepEqual(messages.map((m) => m.dropped), [2 + 4, 0, 0, 0, 0, 0, 0]);
    assert.ok(messages.every((m) => m.ts !== undefined));
    assert.match(r.text, /4 readings in flash lost their time in a power cut: dropped/);
  });

  test(`${type}: a ring file cut short (power lost while it was written) or another program's is set aside, not a crash`, async () => {
    for (const bytes of [writeFlash({ readings: [{ t: BOARD_NOW - 600, dated: true, values: [...packing].map(() => 1) }] }, packing).subarray(0, 20), Buffer.from('hello')]) {
      const d = device({ flash: { 'buffer.bin': bytes } });
      const r = await d.boot();
      assert.equal(r.error, null);
      assert.match(r.text, /buffer\.bin is not a buffer this firmware can read: started afresh/);
      assert.equal(sent(r.events).length, 1);
      assert.deepEqual(r.flashWrites, [['remove', 'buffer.bin']]);
    }
  });

  test(`${type}: a lost PUBACK: the reading stays, and its repeat is the same message, ts and dropped included`, async () => {
    const d = seeded({ inFlash: 3, flashDropped: 5 });
    const first = await d.boot({ publish: ['ok', 'no_puback'] });
    const [a, b] = of(first.events, 'publish').map(([, text]) => text);
    assert.equal(of(first.events, 'puback_lost').length, 1);
    assert.match(a, /"dropped": 5\}$/);
    // The first was acknowledged and left; the second (and the new reading) are kept.
    assert.equal(flashOf(first).readings.length + rtcOf(first).readings.length, 3);
    const second = await d.boot();
    assert.equal(of(second.events, 'publish')[0][1], b);
    assert.equal(sent(second.events).length, 3);

    const e = seeded({ inFlash: 3, flashDropped: 5 });
    const lost = await e.boot({ publish: ['no_puback'] });
    const again = await e.boot();
    assert.equal(of(again.events, 'publish')[0][1], of(lost.events, 'publish')[0][1]);
    assert.match(of(again.events, 'publish')[0][1], /"ts": \d+, "dropped": 5\}$/);
    assertFlashWrittenAtMostOnce(d);
    assertFlashWrittenAtMostOnce(e);
  });

  test(`${type}: publish_every 6: one connection per 6 readings, all six sent over it, 5 minutes apart`, async () => {
    const d = device({ config: baseConfig({ publish_every: 6 }) });
    for (let i = 0; i < 12; i++) await d.boot();
    assert.deepEqual(d.boots.map((r) => of(r.events, 'mqtt_connect').length), [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(d.boots.map((r) => of(r.events, 'wifi_connect').length), [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
    const ts = d.boots.flatMap((r) => sent(r.events).map((m) => m.ts));
    assert.equal(ts.length, 12);
    assert.deepEqual(ts.slice(1).map((t, i) => t - ts[i]), Array(11).fill(300000));
    // Every wake-up between is a reading and back to sleep: no radio, no flash.
    assert.deepEqual(d.boots.flatMap((r) => r.flashWrites), []);
    assert.match(d.boots[0].text, /published every 6 readings/);
  });

  test(`${type}: publish_every 6: a reading that crosses a threshold is published at once, with those waiting; crossing back too`, async () => {
    const measure = contract.measures[0];
    const at = (bounds) => ({ config: baseConfig({ publish_every: 6, thresholds: { [measure]: bounds } }) });
    const d = device();
    // The fake sensor reads the same every time: moving the bound makes the crossing.
    await d.boot({}, at({ above: 100.0 }));
    await d.boot({}, at({ above: 100.0 }));
    const crossed = await d.boot({}, at({ above: 2.5 }));
    assert.equal(sent(crossed.events).length, 3);
    assert.match(crossed.text, new RegExp(`threshold crossed: ${measure} [\\d.]+ above 2\\.5: publishing now`));
    const still = await d.boot({}, at({ above: 2.5 }));
    assert.equal(of(still.events, 'mqtt_connect').length, 0); // still above: no crossing
    const back = await d.boot({}, at({ above: 100.0 }));
    assert.equal(sent(back.events).length, 2);
    assert.match(back.text, new RegExp(`${measure} [\\d.]+ back within bounds`));
    assert.deepEqual(d.boots.map((r) => of(r.events, 'mqtt_connect').length), [0, 0, 1, 0, 1]);
  });

  test(`${type}: a crossing that cannot be published is retried after the back-off, not after publish_every readings`, async () => {
    // What the fake reads is far above -30: the first reading crosses.
    const d = device({ config: baseConfig({ publish_every: 6, thresholds: { [contract.measures[0]]: { above: -30 } } }) });
    const first = await d.boot(DOWN);
    assert.equal(of(first.events, 'wifi_connect').length, 1);
    const retry = await d.boot();
    assert.equal(sent(retry.events).length, 1, retry.text);
    assert.equal(rtcOf(retry).readings.length, 0);
    assert.ok(retry.startedMs - first.startedMs < 60000, 'retried within the back-off, before the next reading');
  });

  test(`${type}: NTP at the first good connection, then once a day`, async () => {
    // Readings 4150 s apart (the ESP8266 sleeps 4200 s at most): the 22nd wake-up is the first
    // a day (86400 s) after the first.
    const d = device({ config: baseConfig({ interval_s: 4150 }) });
    for (let i = 0; i < 23; i++) await d.boot();
    const queried = d.boots.map((r) => of(r.events, 'ntp_query').length > 0);
    assert.deepEqual(queried, [true, ...Array(20).fill(false), true, false]);
    assert.ok(d.boots[21].startedMs - d.boots[0].startedMs > 86400000);
    assert.ok(d.boots[20].startedMs - d.boots[0].startedMs < 86400000);
    assert.equal(d.boots.filter((r) => of(r.events, 'mqtt_connect').length).length, 23);
  });

  test(`${type}: the payload fixtures hold for the measures part: a message is the fixture's text with ts (or age_ms) and dropped after it`, async () => {
    const entries = JSON.parse(readFileSync(fixturePath(type), 'utf8')).filter((_, i) => i % 97 === 0);
    const hundredths = (text) => Object.values(JSON.parse(text)).map((v) => Math.round(v * 100));
    const { value } = await run(
      [
        'import json, message',
        `measures = ${JSON.stringify(contract.measures)}`,
        'out = []',
        `for h in ${JSON.stringify(entries.map((e) => hundredths(e.payload)))}:`,
        '    r = list(zip(measures, h))',
        '    out.append([message.payload(r, 1768471200000), message.payload(r, None, 12000, 3)])',
        "json.dump(out, open('/out.json', 'w'))",
      ].join('\n'),
    );
    assert.ok(entries.length > 2);
    entries.forEach((e, i) => {
      assert.equal(value[i][0], `${e.payload.slice(0, -1)}, "ts": 1768471200000}`);
      assert.equal(value[i][1], `${e.payload.slice(0, -1)}, "age_ms": 12000, "dropped": 3}`);
    });
  });

  test(`${type}: kept times: never before the reading kept before them, 194 days at most between the oldest and the newest, dated once the clock is set`, async () => {
    const v = JSON.stringify([...packing].map(() => 7));
    const { value } = await run(
      [
        'import json, buffer',
        `t = buffer.Tier('${packing}')`,
        'out = {}',
        `t.append(1000, True, ${v})`,
        // The clock went back 60 s (an NTP correction): not dated before the one before.
        `t.append(940, True, ${v})`,
        "out['back'] = [t.get(i)[0] for i in range(len(t))]",
        // 200 days on: the older ones cannot share a 3-byte offset with it: dropped.
        `out['dropped'] = t.append(1000 + 200 * 86400, True, ${v})`,
        "out['kept'] = [t.get(i)[0] for i in range(len(t))]",
        // Undated readings (a clock counting from 2000) after the dated, then the clock is set.
        `t.append(50, False, ${v})`,
        `t.append(350, False, ${v})`,
        "out['undated'] = [t.get(i)[:2] for i in range(len(t))]",
        'out["redated"] = t.redate(1000 + 200 * 86400 + 1000)',
        "out['dated'] = [t.get(i)[:2] for i in range(len(t))]",
        "u = buffer.Tier('" + packing + "', t.blob())",
        "out['again'] = [u.get(i) for i in range(len(u))]",
        "json.dump(out, open('/out.json', 'w'))",
      ].join('\n'),
    );
    const later = 1000 + 200 * 86400;
    assert.deepEqual(value.back, [1000, 1000]);
    assert.equal(value.dropped, 2);
    assert.deepEqual(value.kept, [later]);
    assert.deepEqual(value.undated, [[later, true], [50, false], [350, false]]);
    assert.equal(value.redated, 0);
    assert.deepEqual(value.dated, [[later, true], [later + 1050, true], [later + 1350, true]]);
    assert.deepEqual(value.again, value.dated.map(([t, dated]) => [t, dated, [...packing].map(() => 7)]));
  });
}
