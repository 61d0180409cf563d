// firmware/esp8266temp/contract.json is what the Java side reads; these tests tie it to what the
// firmware really does, so the two cannot drift.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { boot, baseConfig, CONTRACT, FIRMWARE_DIR, firmwareFiles, newInterpreter, of } from '../testlib/board.mjs';

test('contract "files" lists exactly the files in firmware/esp8266temp/', () => {
  assert.deepEqual([...CONTRACT.files].sort(), firmwareFiles());
});

test('every firmware file compiles in the MicroPython interpreter', async () => {
  const { mp } = await newInterpreter();
  for (const f of firmwareFiles()) {
    mp.FS.writeFile(`/${f}`, readFileSync(join(FIRMWARE_DIR, f)));
    mp.runPython(`with open('/${f}') as fh:\n    compile(fh.read(), '${f}', 'exec')`);
  }
  // The check itself rejects what MicroPython cannot parse.
  assert.throws(() => mp.runPython("compile('def f(:\\n  pass', 'bad.py', 'exec')"), /SyntaxError/);
});

test('contract "settings" are the defaults the firmware applies to a config without them', async () => {
  const { mp } = await newInterpreter();
  mp.FS.mkdirTree('/board');
  mp.FS.writeFile('/board/settings.py', readFileSync(join(FIRMWARE_DIR, 'settings.py')));
  mp.FS.writeFile('/board/config.json', JSON.stringify(baseConfig()));
  mp.runPython("import sys, os, json\nos.chdir('/board')\nsys.path[:] = ['']\nimport settings\nwith open('/board/out.json', 'w') as f:\n    json.dump(settings.load(), f)");
  const loaded = JSON.parse(new TextDecoder().decode(mp.FS.readFile('/board/out.json')));
  const optional = Object.fromEntries(Object.keys(loaded).filter((k) => !(k in baseConfig())).map((k) => [k, loaded[k]]));
  assert.deepEqual(optional, CONTRACT.settings);
});

test('published payload keys equal "measures", topic is topicPrefix/thing_name, port is the contract port', async () => {
  const thing = 'hall-7';
  const r = await boot({ config: baseConfig({ thing_name: thing, topic: `${CONTRACT.topicPrefix}/${thing}` }) });
  const [pub] = of(r.events, 'publish');
  assert.ok(pub, r.text);
  const [topic, payload] = pub;
  assert.deepEqual(Object.keys(JSON.parse(payload)), CONTRACT.measures);
  assert.equal(topic, `${CONTRACT.topicPrefix}/${thing}`);
  assert.equal(of(r.events, 'mqtt_client')[0][2], CONTRACT.port);
});

test('the firmware publishes to the configured topic, whatever it is', async () => {
  const r = await boot({ config: baseConfig({ topic: 'other/prefix/x' }) });
  assert.equal(of(r.events, 'publish')[0][0], 'other/prefix/x');
});

test('package.json pins the interpreter package to an exact version', () => {
  const pkg = JSON.parse(readFileSync(join(FIRMWARE_DIR, '..', 'package.json'), 'utf8'));
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  assert.match(deps['@micropython/micropython-webassembly-pyscript'], /^\d+\.\d+\.\d+$/);
  assert.equal(pkg.scripts.test, 'node --test test/');
});
