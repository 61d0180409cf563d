// Runs a sensor type's firmware, unchanged, in the real MicroPython interpreter (WebAssembly)
// on a fake board: one fresh interpreter per boot, so only what the fake RTC memory, the RTC
// clock (which deep sleep keeps running) and the files the firmware wrote (flash) carry
// survives from one boot to the next.
//
// Knows no type and no board: a type is a folder of firmware/ with a contract.json, whose
// modules go onto the board flat beside those of firmware/common/; the board it runs on is
// described by test/<type>/board.json (what its MicroPython port has: RTC memory size, timer
// ids, I2C buses, STAT_* values, which fake stands for which module, the format of each package
// file, the chips on its bus, what each step costs on the virtual clock).
import { loadMicroPython } from '@micropython/micropython-webassembly-pyscript';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pki as makePki } from './x509.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const FIRMWARE_ROOT = join(here, '..');
const FAKES_DIR = join(here, 'fakes');
const COMMON_DIR = join(FIRMWARE_ROOT, 'common');
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

  // The files the board gets, as the Java side packages them: the contract's "files", each from
  // the type's folder or from firmware/common/ (a plain name, in exactly one of the two).
  function sources() {
    return new Map(
      contract.files.map((f) => {
        const where = [dir, COMMON_DIR].filter((d) => existsSync(join(d, f)));
        if (where.length !== 1) throw new Error(`contract "files" of ${type}: ${f} is in ${where.length ? 'both' : 'neither'} firmware/${type}/ and firmware/common/`);
        return [f, join(where[0], f)];
      }),
    );
  }
  const firmwareFiles = () => [...sources().keys()].sort();

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
   * missing file. `modules`: module name to fake (null: absent), over board.json's. `flash`:
   * files the firmware wrote at an earlier boot, by name.
   */
  async function prepare({ config = baseConfig(), scenario = {}, package: given = {}, modules = {}, flash = {} }, python) {
    const { mp, out } = await newInterpreter();
    const FS = mp.FS;
    copyTree(FS, FAKES_DIR, '/fakes');
    if (existsSync(join(emulationDir, 'fakes'))) copyTree(FS, join(emulationDir, 'fakes'), '/fakes');
    copyTree(FS, VENDOR_DIR, '/vendor');
    FS.mkdirTree('/board');
    for (const [f, path] of sources()) FS.writeFile(`/board/${f}`, readFileSync(path));
    for (const [f, bytes] of Object.entries(flash)) FS.writeFile(`/board/${f}`, bytes);
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
    const ours = new Set(FS.readdir('/board').filter((f) => !(f in flash)));
    const writes = trackWrites(FS);
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
    writes.stop();
    // What the firmware left in flash: every file of /board the harness did not put there.
    const left = {};
    for (const f of FS.readdir('/board')) if (f !== '.' && f !== '..' && !ours.has(f)) left[f] = Buffer.from(FS.readFile(`/board/${f}`));
    return { mp, out, files, flash: left, flashWrites: writes.ops };
  }

  /**
   * One boot of the board: runs main.py. Returns the REPL output, the recorded events, the RTC
   * memory as hex and the clock, why the board halted (deepsleep, reset, time limit, stuck),
   * any exception that escaped main.py, and the package files written.
   */
  async function boot(options = {}) {
    const { mp, out, files, flash, flashWrites } = await prepare(options, "_board.run('main.py')");
    const result = JSON.parse(new TextDecoder().decode(mp.FS.readFile('/fakes/result.json')));
    return { ...result, out, package: files, flash, flashWrites, text: out.join('\n') };
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
   * A board that lives on between boots: each boot() hands on what deep sleep keeps (the RTC
   * memory, the RTC clock, moved on by the time the board slept) and what flash keeps (the files
   * the firmware wrote). powerCut() loses the first two, as pulling the plug does. The real time
   * moves on alike, starting at `trueMs` (default NTP_NOW): the fake NTP server answers it. Each
   * boot must end without an exception escaping main.py; each result has `startedMs`, the real
   * time it began.
   */
  function device({ config, trueMs = NTP_NOW * 1000, rtc = '', clockMs, flash = {} } = {}) {
    let kept = { rtc, clock_ms: clockMs, flash };
    let now = trueMs;
    const boots = [];
    return {
      boots,
      get kept() {
        return kept;
      },
      async boot(scenario = {}, options = {}) {
        const clock = kept.clock_ms === undefined ? {} : { clock_ms: kept.clock_ms };
        const r = await boot({ config, ...options, flash: kept.flash, scenario: { true_ms: now, ...scenario, rtc: kept.rtc, ...clock } });
        if (r.error !== null) throw new Error(`boot ${boots.length + 1}: ${r.error}\n${r.text}`);
        const slept = r.halt === 'deepsleep' ? of(r.events, 'deepsleep')[0][0] : 0;
        r.startedMs = now;
        now += r.awake_ms + slept;
        kept = { rtc: r.rtc, clock_ms: r.clock_ms + slept, flash: r.flash };
        boots.push(r);
        return r;
      },
      powerCut() {
        kept = { rtc: '', clock_ms: undefined, flash: kept.flash };
      },
    };
  }

  /** Boots a device() `count` times with the same config and scenario. */
  async function bootSequence(count, { config, scenario = {} } = {}) {
    const d = device({ config });
    for (let i = 0; i < count; i++) await d.boot(scenario);
    return d.boots;
  }

  return { type, dir, contract, emulation, pki, sources, firmwareFiles, baseConfig, boot, bootSequence, device, run };
}

// Records what the firmware does to files: [[op, path], ...] for each open to write, rename and
// removal under /board, as flash sees them.
function trackWrites(FS) {
  const ops = [];
  const saved = { open: FS.open, rename: FS.rename, unlink: FS.unlink };
  const abs = (p) => (typeof p === 'string' && !p.startsWith('/') ? `${FS.cwd()}/${p}` : p);
  const onBoard = (p) => typeof p === 'string' && abs(p).startsWith('/board/');
  FS.open = function (path, flags, ...rest) {
    const writing = typeof flags === 'string' ? /[wa+]/.test(flags) : (flags & 3) !== 0;
    if (writing && onBoard(path)) ops.push(['write', abs(path).slice(7)]);
    return saved.open.call(this, path, flags, ...rest);
  };
  FS.rename = function (from, to) {
    if (onBoard(to)) ops.push(['rename', abs(to).slice(7)]);
    return saved.rename.call(this, from, to);
  };
  FS.unlink = function (path) {
    if (onBoard(path)) ops.push(['remove', abs(path).slice(7)]);
    return saved.unlink.call(this, path);
  };
  return { ops, stop: () => Object.assign(FS, saved) };
}

// Events of one kind, without the time stamp: [[args...], ...].
export const of = (events, name) => events.filter((e) => e[1] === name).map((e) => e.slice(2));
export const names = (events) => events.map((e) => e[1]);

// The consecutive-failure counter every firmware keeps in RTC memory: after b"iot2", a u16 (LE).
export const failureCount = (hex) => (hex.startsWith('696f7432') ? parseInt(hex.slice(10, 12) + hex.slice(8, 10), 16) : 0);
