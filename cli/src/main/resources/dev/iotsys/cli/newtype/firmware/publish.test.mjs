// The {{id}} firmware in the real MicroPython interpreter on a fake {{board}}: the stub sensor's
// reading goes out over TLS and MQTT as the Java side's reader writes it, and a refused
// connection keeps the reading for the next wake-up.
import test from 'node:test';
import assert from 'node:assert/strict';
import { board, of } from '../../testlib/board.mjs';
import { measures } from '../../testlib/kept.mjs';

const { boot, baseConfig } = board('{{id}}');

test('publishes the reading to {{id}}/THING with QoS 1, then sleeps', async () => {
  const r = await boot({ config: baseConfig({ thing_name: 'bed1', topic: '{{id}}/bed1' }) });
  assert.equal(r.error, null, r.text);
  const [[topic, , qos]] = of(r.events, 'publish');
  assert.deepEqual([topic, qos], ['{{id}}/bed1', 1]);
  assert.deepEqual(measures(r.events), ['{{payloadExampleJs}}']);
  assert.equal(r.halt, 'deepsleep');
});

test('a refused connection publishes nothing and the board sleeps until the next try', async () => {
  const r = await boot({ scenario: { connect: ['refused'] } });
  assert.deepEqual(of(r.events, 'publish'), []);
  assert.equal(r.halt, 'deepsleep');
});
