// Runs the firmware, unchanged, in the real MicroPython interpreter (WebAssembly)
// on a fake board: one fresh interpreter per boot, so only what the fake RTC
// memory carries survives from one boot to the next, as on the ESP8266.
import { loadMicroPython } from '@micropython/micropython-webassembly-pyscript';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const FIRMWARE_DIR = join(here, '..', 'esp8266temp');
export const CONTRACT = JSON.parse(readFileSync(join(FIRMWARE_DIR, 'contract.json'), 'utf8'));
const FAKES_DIR = join(here, 'fakes');

// The files the board gets: every file of the type's folder but its contract, which is the Java side's.
export const firmwareFiles = () =>
  readdirSync(FIRMWARE_DIR).filter((f) => f !== 'contract.json' && statSync(join(FIRMWARE_DIR, f)).isFile()).sort();

// A complete device config as the Java side writes it (required keys only).
export function baseConfig(overrides = {}) {
  return {
    thing_name: 'kitchen-1',
    endpoint: 'abc123-ats.iot.eu-west-1.amazonaws.com',
    port: 8883,
    topic: `${CONTRACT.topicPrefix}/kitchen-1`,
    wifi_ssid: 'HomeNet',
    wifi_password: 'pw-S3cr3t/&"x',
    ...overrides,
  };
}

function copyTree(FS, from, to) {
  FS.mkdirTree(to);
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    if (statSync(src).isDirectory()) copyTree(FS, src, `${to}/${name}`);
    else FS.writeFile(`${to}/${name}`, readFileSync(src));
  }
}

export async function newInterpreter() {
  const out = [];
  const mp = await loadMicroPython({ stdout: (l) => out.push(l), stderr: (l) => out.push(l) });
  return { mp, out };
}

/**
 * One boot of the board. `config` is an object (written as config.json), a string
 * (written as is) or null (no config.json). `scenario` drives the fakes (see
 * testlib/fakes). `cert`/`key`: bytes, or null for a missing file. Returns the REPL output, the recorded events, the RTC memory
 * as hex, why the board halted (deepsleep, reset, time limit, stuck) and any
 * exception that escaped main.py.
 */
export async function boot({ config = baseConfig(), scenario = {}, cert, key } = {}) {
  const { mp, out } = await newInterpreter();
  const FS = mp.FS;
  copyTree(FS, FAKES_DIR, '/fakes');
  FS.mkdirTree('/board');
  for (const f of firmwareFiles()) FS.writeFile(`/board/${f}`, readFileSync(join(FIRMWARE_DIR, f)));
  if (config !== null) FS.writeFile('/board/config.json', typeof config === 'string' ? config : JSON.stringify(config));
  // undefined: fresh random bytes, so a test cannot pass on a constant; null: no file.
  if (cert === undefined) cert = randomBytes(700);
  if (key === undefined) key = randomBytes(1190);
  if (cert !== null) FS.writeFile('/board/cert.der', cert);
  if (key !== null) FS.writeFile('/board/key.der', key);
  FS.writeFile('/fakes/scenario.json', JSON.stringify(scenario));
  mp.runPython(
    [
      'import sys, os',
      "sys.path[:] = ['', '/fakes']", // '' first, as on the board; the fakes stand in for frozen and built-in modules
      "os.chdir('/board')",
      'import _board, gc_fake',
      "sys.modules['gc'] = gc_fake",
      "_board.run('main.py')",
    ].join('\n'),
  );
  const result = JSON.parse(new TextDecoder().decode(FS.readFile('/fakes/result.json')));
  return { ...result, out, cert, key, text: out.join('\n') };
}

// Events of one kind, without the time stamp: [[args...], ...].
export const of = (events, name) => events.filter((e) => e[1] === name).map((e) => e.slice(2));
export const names = (events) => events.map((e) => e[1]);
