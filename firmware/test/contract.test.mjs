// Every type's contract.json is what the Java side reads; these tests tie it to what the type's
// firmware really does, so the two cannot drift. They run for each folder of firmware/ that has
// a contract.json, on the board its test folder describes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { board, types, newInterpreter, of, FIRMWARE_ROOT } from '../testlib/board.mjs';

test('the firmware folder has the types the suite knows, each with its own tests', () => {
  assert.ok(types().length >= 2, types().join());
  for (const type of types()) {
    const dir = join(FIRMWARE_ROOT, 'test', type);
    assert.ok(existsSync(join(dir, 'board.json')), `test/${type}/board.json describes the board ${type} runs on`);
    assert.ok(readdirSync(dir).some((f) => f.endsWith('.test.mjs')), `test/${type}/ has tests`);
  }
});

for (const type of types()) {
  const b = board(type);
  const { contract, boot, baseConfig, run } = b;

  test(`${type}: contract "type" and "topicPrefix" name the folder`, () => {
    assert.equal(contract.type, type);
    assert.equal(contract.topicPrefix, type);
  });

  test(`${type}: contract "files" lists exactly the files in firmware/${type}/ and firmware/common/, by plain name`, () => {
    const own = readdirSync(b.dir).filter((f) => f !== 'contract.json');
    const common = readdirSync(join(FIRMWARE_ROOT, 'common'));
    assert.deepEqual([...contract.files].sort(), [...own, ...common].sort());
    assert.deepEqual(b.firmwareFiles(), [...contract.files].sort());
    assert.ok(contract.files.every((f) => !f.includes('/')));
  });

  test(`${type}: every firmware file compiles in the MicroPython interpreter`, async () => {
    const { mp } = await newInterpreter();
    for (const [f, path] of b.sources()) {
      mp.FS.writeFile(`/${f}`, readFileSync(path));
      mp.runPython(`with open('/${f}') as fh:\n    compile(fh.read(), '${f}', 'exec')`);
    }
    // The check itself rejects what MicroPython cannot parse.
    assert.throws(() => mp.runPython("compile('def f(:\\n  pass', 'bad.py', 'exec')"), /SyntaxError/);
  });

  test(`${type}: contract "settings" are the defaults the firmware applies to a config without them`, async () => {
    const { value } = await run("import settings, json\nwith open('/out.json', 'w') as f:\n    json.dump(settings.load(), f)");
    const optional = Object.fromEntries(Object.keys(value).filter((k) => !(k in baseConfig())).map((k) => [k, value[k]]));
    assert.deepEqual(optional, contract.settings);
  });

  test(`${type}: published payload keys are "measures" in order, topic is topicPrefix/thing_name, port is the contract port`, async () => {
    const thing = 'hall-7';
    const r = await boot({ config: baseConfig({ thing_name: thing, topic: `${contract.topicPrefix}/${thing}` }) });
    const [pub] = of(r.events, 'publish');
    assert.ok(pub, r.text);
    const [topic, payload] = pub;
    // The measures, then the time the board took the reading (BUFFER-CONTRACT.md).
    assert.deepEqual(Object.keys(JSON.parse(payload)), [...contract.measures, 'ts']);
    assert.equal(topic, `${contract.topicPrefix}/${thing}`);
    assert.equal(of(r.events, 'mqtt_client')[0][2], contract.port);
    assert.equal(of(r.events, 'mqtt_client')[0][0], thing);
  });

  test(`${type}: the firmware publishes to the configured topic, whatever it is`, async () => {
    const r = await boot({ config: baseConfig({ topic: 'other/prefix/x' }) });
    assert.equal(of(r.events, 'publish')[0][0], 'other/prefix/x');
  });

  test(`${type}: contract "package" names the files the firmware reads; a missing one is named`, async () => {
    for (const [role, file] of Object.entries(contract.package)) {
      if (role === 'config') continue;
      const r = await boot({ package: { [role]: null } });
      assert.ok(r.text.includes(`cannot read ${file} (is it copied to the board?)`), `${role}: ${r.text}`);
      assert.deepEqual(of(r.events, 'publish'), []);
      assert.equal(r.halt, 'deepsleep');
    }
  });
}

test('firmware/common/ needs no type: it imports no module of a type\'s folder and names no type', () => {
  const own = new Set(types().flatMap((t) => readdirSync(join(FIRMWARE_ROOT, t)).filter((f) => f.endsWith('.py') && f !== 'board.py').map((f) => f.slice(0, -3))));
  assert.ok(own.size > 0);
  for (const f of readdirSync(join(FIRMWARE_ROOT, 'common'))) {
    const text = readFileSync(join(FIRMWARE_ROOT, 'common', f), 'utf8');
    for (const m of own) assert.doesNotMatch(text, new RegExp(`^\\s*(import|from) ${m}\\b`, 'm'), `${f} imports ${m}`);
    for (const t of types()) assert.ok(!text.includes(t), `${f} names ${t}`);
  }
});

test('package.json pins the interpreter package to an exact version', () => {
  const pkg = JSON.parse(readFileSync(join(FIRMWARE_ROOT, 'package.json'), 'utf8'));
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  assert.match(deps['@micropython/micropython-webassembly-pyscript'], /^\d+\.\d+\.\d+$/);
  assert.equal(pkg.scripts.test, 'node --test test/');
});
