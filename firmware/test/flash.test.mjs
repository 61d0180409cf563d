// flash.sh with a stand-in mpremote that logs its arguments.
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FLASH = join(dirname(fileURLToPath(import.meta.url)), '..', 'flash.sh');
const dirs = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function setup({ withMpremote = true, files = ['cert.der', 'key.der', 'config.json', 'main.py', 'net.py'] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'flash-'));
  dirs.push(dir);
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const log = join(dir, 'calls.log');
  if (withMpremote) {
    writeFileSync(join(bin, 'mpremote'), `#!/bin/bash\necho "$*" >> '${log}'\n`);
    chmodSync(join(bin, 'mpremote'), 0o755);
  }
  const pkg = join(dir, 'home', 'sensor-esp8266temp', 'sensors', 'kitchen-1');
  mkdirSync(pkg, { recursive: true });
  for (const f of files) writeFileSync(join(pkg, f), f);
  return { dir, bin, log, home: join(dir, 'home'), pkg };
}

// PATH holds only the stand-in, so a real mpremote on this machine cannot interfere.
const run = (args, { bin, cwd }) => spawnSync('/bin/bash', [FLASH, ...args], { cwd, env: { PATH: bin }, encoding: 'utf8' });

test('copies every file of the package with mpremote connect PORT fs cp FILE :FILE, main.py last', () => {
  const s = setup();
  const r = run(['kitchen-1', '/dev/ttyUSB0', s.home], s);
  assert.equal(r.status, 0, r.stderr);
  const calls = readFileSync(s.log, 'utf8').trim().split('\n');
  const expected = ['cert.der', 'config.json', 'key.der', 'net.py', 'main.py'].map((f) => `connect /dev/ttyUSB0 fs cp ${join(s.pkg, f)} :${f}`);
  assert.deepEqual(calls, expected);
});

test('HOME defaults to the current directory', () => {
  const s = setup();
  const r = run(['kitchen-1', 'COM3'], { ...s, cwd: s.home });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(s.log, 'utf8').trim().split('\n').length, 5);
});

test('no mpremote: one clear line, exit code 2', () => {
  const s = setup({ withMpremote: false });
  const r = run(['kitchen-1', '/dev/ttyUSB0', s.home], s);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim(), 'flash.sh: mpremote is not installed (pip install mpremote)');
});

test('no package folder: one clear line naming it, exit code 2, nothing copied', () => {
  const s = setup();
  const r = run(['nosuch', '/dev/ttyUSB0', s.home], s);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim(), `flash.sh: no device package at ${s.home}/sensor-esp8266temp/sensors/nosuch (create the sensor first)`);
  assert.throws(() => readFileSync(s.log));
});

test('missing arguments: usage, exit code 2', () => {
  const s = setup();
  const r = run(['kitchen-1'], s);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^usage: flash\.sh NAME PORT \[HOME\]/);
});

test('a failing mpremote stops the copy with its exit code', () => {
  const s = setup();
  writeFileSync(join(s.bin, 'mpremote'), `#!/bin/bash\necho "$*" >> '${s.log}'\nexit 1\n`);
  const r = run(['kitchen-1', '/dev/ttyUSB0', s.home], s);
  assert.equal(r.status, 1);
  assert.equal(readFileSync(s.log, 'utf8').trim().split('\n').length, 1);
});
