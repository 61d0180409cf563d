// Runs a sensor type's firmware, unchanged, in the real MicroPython interpreter (WebAssembly)
// on a fake board: one fresh interpreter per boot, so only what the fake RTC memory (and the
// RTC clock, which deep sleep keeps running) carries survives from one boot to the next.
//
// Knows no type and no board: a type is a folder of firmware/ with a contract.json, and the
// board it runs on is described by test/<type>/board.json (what its MicroPython port has:
// RTC memory size, timer ids, I2C buses, STAT_* values, which fake stands for which module,
// the format of each package file, the chips on its bus).
import { loadMicroPython } from '@micropython/micropython-webassembly-pyscript';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pki as makePki } from './x509.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const FIRMWARE_ROOT = join(here, '..');
const FAKES_DIR = join(here, 'fakes');
const VENDOR_DIR = join(FIRMWARE_ROOT, 'vendor', 'micropython-lib');
const TESTS_DIR = join(FIRMWARE_ROOT, 'test');

/** Every sensor type: each folder of firmware/ that holds a contract.json. */
export const types = () => readdirSync(FIRMWARE_ROOT).filter((d) => existsSync(join(FIRMWARE_ROOT, d, 'contract.json'))).sort();

/** What the NTP server answers unless a scenario says otherwise: inside the test certificates' validity. */
export const NTP_NOW = Date.parse('2026-01-15T10:00:00Z') / 1000;

export async function newInterpreter() {
  const out = [];
  const mp = await loadMicroPython({ stdout: (l) => out.push(l), stderr: (l) => out.push(l) });
  return { mp, out };
}

function copyTree(FS, from, to) {
  FS.mkdirTree(to);
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    if (statSync(src).isDirectory()) copyTree(FS, src, `${to}/${name}`);
    else if (name.endsWith('.py')) FS.writeFile(`${to}/${name}`, readFileSync(src));
  }
}

export function board(type) {
  const dir = join(FIRMWARE_ROOT, type);
  const contract = JSON.parse(readFileSync(join(dir, 'contract.json'), 'utf8'));
  const emulationDir = join(TESTS_DIR, type);
  const emulation = JSON.parse(readFileSync(join(emulationDir, 'board.json'), 'utf8'));
  const pki = makePki();

  // The files the board gets: every file of the type's folder but its contract, which is the Java side's.
  const firmwareFiles = () => readdirSync(dir).filter((f) => f !== 'contract.json' && statSync(join(dir, f)).isFile()).sort();

  // A complete device config as the Java side writes it (required keys only).
  const baseConfig = (overrides = {}) => ({
    thing_name: 'kitchen-1',
    endpoint: 'abc123-ats.iot.eu-west-1.amazonaws.com',
    port: 8883,
    topic: `${contract.topicPrefix}/kitchen-1`,
    wifi_ssid: 'HomeNet',
    wifi_password: 'pw-S3cr3t/&"x',
    ...overrides,
  });

  // Package files by role (contract "package"), in the format board.json gives each role:
  // "random" bytes for a TLS stack that parses nothing the test can see, or "pem".
  function packageFiles(given) {
    const made = {
      certificate: { random: () => randomBytes(700), pem: () => Buffer.from(pki.device.pem) },
      key: { random: () => randomBytes(1190), pem: () => Buffer.from(pki.device.keyPem) },
      trust: { pem: () => Buffer.from(pki.root1.pem + pki.root3.pem) },
    };
    const files = {};
    for (const [role, format] of Object.entries(emulation.package)) {
      files[role] = role in given ? given[role] : made[role][format]();
    }
    return files;
  }

  /**
   * Writes the firmware, config.json, the package files and the fakes into a fresh
   * interpreter, and runs `python` there (with the board's module path and fakes in place).
   * `config`: an object (written as config.json), a string (written as is) or null (no file).
   * `scenario` drives the fakes (see testlib/fakes). `package`: bytes by role, null for a
   * missing file. `modules`: module name to fake (null: absent), over board.json's.
   */
  async function prepare({ config = baseConfig(), scenario = {}, package: given = {}, modules = {} }, python) {
    const { mp, out } = await newInterpreter();
    const FS = mp.FS;
    copyTree(FS, FAKES_DIR, '/fakes');
    if (existsSync(join(emulationDir, 'fakes'))) copyTree(FS, join(emulationDir, 'fakes'), '/fakes');
    copyTree(FS, VENDOR_DIR, '/vendor');
    FS.mkdirTree('/board');
    for (const f of firmwareFiles()) FS.writeFile(`/board/${f}`, readFileSync(join(dir, f)));
    if (config !== null) FS.writeFile(`/board/${contract.package.config}`, typeof config === 'string' ? config : JSON.stringify(config));
    const files = packageFiles(given);
    for (const [role, bytes] of Object.entries(files)) if (bytes !== null) FS.writeFile(`/board/${contract.package[role]}`, bytes);
    const endpoint = (config && typeof config === 'object' && config.endpoint) || baseConfig().endpoint;
    const full = { ntp_unix: NTP_NOW, server: { chain: [pki.server({ issuer: pki.root1, host: endpoint }).pem] }, ...scenario };
    FS.writeFile('/fakes/scenario.json', JSON.stringify(full));
    FS.writeFile('/fakes/board.json', JSON.stringify(emulation));
    const aliases = [];
    for (const [name, fake] of Object.entries({ ...emulation.modules, ...modules })) {
      if (fake === null) FS.writeFile(`/fakes/${name}.py`, `raise ImportError("no module named '${name}'")\n`);
      else aliases.push(`sys.modules['${name}'] = __import__('${fake}')`);
    }
    mp.runPython(
      [
        'import sys, os',
        // '' first, as on the board; then the fakes of built-in modules, then the frozen ones.
        "sys.path[:] = ['', '/fakes', '/vendor']",
        "os.chdir('/board')",
        'import _board, gc_fake',
        "sys.modules['gc'] = gc_fake", // gc is built in: not overridable from a file
        ...aliases,
        python,
      ].join('\n'),
    );
    return { mp, out, files };
  }

  /**
   * One boot of the board: runs main.py. Returns the REPL output, the recorded events, the RTC
   * memory as hex and the clock, why the board halted (deepsleep, reset, time limit, stuck),
   * any exception that escaped main.py, and the package files written.
   */
  async function boot(options = {}) {
    const { mp, out, files } = await prepare(options, "_board.run('main.py')");
    const result = JSON.parse(new TextDecoder().decode(mp.FS.readFile('/fakes/result.json')));
    return { ...result, out, package: files, text: out.join('\n') };
  }

  /** Runs `python` against the firmware's modules; what it writes to /out.json is returned. */
  async function run(python, options = {}) {
    const { mp, out } = await prepare(options, python);
    const text = out.join('\n');
    try {
      return { value: JSON.parse(new TextDecoder().decode(mp.FS.readFile('/out.json'))), text };
    } catch (e) {
      throw new Error(`no /out.json: ${text}`, { cause: e });
    }
  }

  /**
   * Boots the board `count` times, handing on only what deep sleep keeps: the RTC memory and
   * the RTC clock. Each boot must end without an exception escaping main.py.
   */
  async function bootSequence(count, { config, scenario = {} } = {}) {
    const boots = [];
    let kept = {};
    for (let i = 0; i < count; i++) {
      const r = await boot({ config, scenario: { ...scenario, ...kept } });
      if (r.error !== null) throw new Error(`boot ${i + 1}: ${r.error}\n${r.text}`);
      boots.push(r);
      kept = { rtc: r.rtc, clock_unix: r.clock_unix };
    }
    return boots;
  }

  return { type, dir, contract, emulation, pki, firmwareFiles, baseConfig, boot, bootSequence, run };
}

// Events of one kind, without the time stamp: [[args...], ...].
export const of = (events, name) => events.filter((e) => e[1] === name).map((e) => e.slice(2));
export const names = (events) => events.map((e) => e[1]);

// The consecutive-failure counter both firmwares keep in RTC memory: b"iotF" and a u16 (LE).
export const failureCount = (hex) => (hex.startsWith('696f7446') ? parseInt(hex.slice(10, 12) + hex.slice(8, 10), 16) : 0);
