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

const stub = (path, body) => {
  writeFileSync(path, `#!/bin/bash\n${body}\n`);
  chmodSync(path, 0o755);
};

// A fleet folder with one package per [type, name], and a bin/ holding only what the test puts there.
function setup({ withMpremote = true, packages = [['esp8266temp', 'kitchen-1']], files = ['cert.der', 'key.der', 'config.json', 'main.py', 'net.py', '.iotsys-written'] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'flash-'));
  dirs.push(dir);
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const log = join(dir, 'calls.log');
  if (withMpremote) stub(join(bin, 'mpremote'), `echo "$*" >> '${log}'`);
  const home = join(dir, 'home');
  const pkgs = packages.map(([type, name]) => {
    const pkg = join(home, `sensor-${type}`, 'sensors', name);
    mkdirSync(pkg, { recursive: true });
    for (const f of files) writeFileSync(join(pkg, f), f);
    return pkg;
  });
  mkdirSync(home, { recursive: true });
  return { dir, bin, log, home, pkg: pkgs[0] };
}

// PATH holds only the stand-ins, so a real mpremote or python3 on this machine cannot interfere.
const run = (args, { bin, cwd }) => spawnSync('/bin/bash', [FLASH, ...args], { cwd, env: { PATH: bin }, encoding: 'utf8' });
const calls = (s) => readFileSync(s.log, 'utf8').trim().split('\n');

test('copies every file of the package with mpremote connect PORT fs cp FILE :FILE, main.py last, no dot files', () => {
  const s = setup();
  const r = run(['kitchen-1', '/dev/ttyUSB0', s.home], s);
  assert.equal(r.status, 0, r.stderr);
  const expected = ['cert.der', 'config.json', 'key.der', 'net.py', 'main.py'].map((f) => `connect /dev/ttyUSB0 fs cp ${join(s.pkg, f)} :${f}`);
  assert.deepEqual(calls(s), expected);
});

test('finds the sensor\'s type by itself: the package of another type is flashed the same way', () => {
  const s = setup({ packages: [['esp32bme280', 'porch'], ['esp8266temp', 'kitchen-1']], files: ['cert.pem', 'key.pem', 'ca.pem', 'config.json', 'main.py'] });
  const r = run(['porch', '/dev/ttyUSB1', s.home], s);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(
    calls(s),
    ['ca.pem', 'cert.pem', 'config.json', 'key.pem', 'main.py'].map((f) => `connect /dev/ttyUSB1 fs cp ${join(s.home, 'sensor-esp32bme280', 'sensors', 'porch', f)} :${f}`),
  );
});

test('a name with packages of several types: one line naming them, exit code 2, nothing copied', () => {
  const s = setup({ packages: [['esp32bme280', 'hall'], ['esp8266temp', 'hall']] });
  const r = run(['hall', '/dev/ttyUSB0', s.home], s);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `flash.sh: hall has a package for several types (esp32bme280 esp8266temp) in ${s.home}; remove the one that is not this board's\n`);
  assert.throws(() => readFileSync(s.log));
});

test('HOME defaults to the current directory', () => {
  const s = setup();
  const r = run(['kitchen-1', 'COM3'], { ...s, cwd: s.home });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(calls(s).length, 5);
});

test('no mpremote: one line saying where it comes from, PyPI or not, exit code 2', () => {
  const s = setup({ withMpremote: false });
  const r = run(['kitchen-1', '/dev/ttyUSB0', s.home], s);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.split('\n').length, 2); // one line and its newline
  assert.match(r.stderr, /^flash\.sh: mpremote is not installed: pipx install mpremote \(apt install pipx\) or pip install mpremote; /);
  assert.match(r.stderr, /without PyPI, pip install the mpremote and pyserial wheels copied from a machine that has it \(pip download mpremote\), or copy the package's files with Thonny \(apt install thonny\); see firmware\/README\.md\n$/);
});

test('mpremote installed for python3 but not on PATH: run as python3 -m mpremote', () => {
  const s = setup({ withMpremote: false });
  // A python3 that has the module: answers the import check, logs what it runs.
  stub(join(s.bin, 'python3'), `if [ "$1" = -c ]; then exit 0; fi\necho "$*" >> '${s.log}'`);
  const r = run(['kitchen-1', '/dev/ttyUSB0', s.home], s);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(calls(s)[0], `-m mpremote connect /dev/ttyUSB0 fs cp ${join(s.pkg, 'cert.der')} :cert.der`);
  assert.match(r.stdout, /python3 -m mpremote connect \/dev\/ttyUSB0 reset/);
  // A python3 without it changes nothing: still the message.
  stub(join(s.bin, 'python3'), 'exit 1');
  assert.equal(run(['kitchen-1', '/dev/ttyUSB0', s.home], s).status, 2);
});

test('no package folder: one clear line naming where it looked, exit code 2, nothing copied', () => {
  const s = setup();
  const r = run(['nosuch', '/dev/ttyUSB0', s.home], s);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `flash.sh: no device package named nosuch in ${s.home}/sensor-*/sensors/ (create the sensor first: iotsys sensor add TYPE nosuch)\n`);
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
  stub(join(s.bin, 'mpremote'), `echo "$*" >> '${s.log}'\nexit 1`);
  const r = run(['kitchen-1', '/dev/ttyUSB0', s.home], s);
  assert.equal(r.status, 1);
  assert.equal(calls(s).length, 1);
});
