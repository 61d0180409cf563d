// What a board keeps and what it sends, read (and written, to start a board in a given state) as
// firmware/README.md ("What the board keeps") and BUFFER-CONTRACT.md describe them, written here
// from those documents, not from the firmware, so the tests hold the firmware to them:
//
// RTC memory: b"iot2", then little-endian u16 failures, u8 flags (1: a threshold crossing waits
// to be sent), u8 threshold sides, u16 dropped, u32 synced, u32 due, u32 retry (board seconds),
// then the RTC tier. Flash (buffer.bin): b"iotK", u8 bytes per reading, u16 dropped, then a tier.
// A tier: u16 readings, u16 undated (the newest ones), u32 base of the dated, u32 base of the
// undated, then each reading: a 3-byte offset in seconds from its kind's base, then its values
// packed as board.json's "kept_values" says (struct codes: h int16, H uint16, i int32).

const SIZES = { h: 2, H: 2, i: 4, I: 4 };
const RTC_HEAD = 22;

const hex = (b) => Buffer.from(b).toString('hex');

function readTier(buf, off, packing) {
  const n = buf.readUInt16LE(off);
  const undated = buf.readUInt16LE(off + 2);
  const dbase = buf.readUInt32LE(off + 4);
  const ubase = buf.readUInt32LE(off + 8);
  const size = 3 + [...packing].reduce((s, c) => s + SIZES[c], 0);
  const readings = [];
  let p = off + 12;
  for (let i = 0; i < n; i++, p += size) {
    const dated = i < n - undated;
    const t = (dated ? dbase : ubase) + buf.readUIntLE(p, 3);
    let q = p + 3;
    const values = [...packing].map((c) => {
      const v = { h: () => buf.readInt16LE(q), H: () => buf.readUInt16LE(q), i: () => buf.readInt32LE(q), I: () => buf.readUInt32LE(q) }[c]();
      q += SIZES[c];
      return v;
    });
    readings.push({ t, dated, values });
  }
  return { readings, size, end: p };
}

/** RTC memory (hex) as its fields and readings, or null when it is not ours. */
export function readRtc(rtcHex, packing) {
  const buf = Buffer.from(rtcHex, 'hex');
  if (buf.length < RTC_HEAD || buf.subarray(0, 4).toString('latin1') !== 'iot2') return null;
  const tier = readTier(buf, RTC_HEAD, packing);
  return {
    failures: buf.readUInt16LE(4),
    flags: buf[6],
    sides: buf[7],
    dropped: buf.readUInt16LE(8),
    synced: buf.readUInt32LE(10),
    due: buf.readUInt32LE(14),
    retry: buf.readUInt32LE(18),
    readings: tier.readings,
    bytes: buf.length,
  };
}

/** The flash ring file's dropped count and readings. */
export function readFlash(bytes, packing) {
  const buf = Buffer.from(bytes);
  if (buf.subarray(0, 4).toString('latin1') !== 'iotK') throw new Error(`not a buffer file: ${hex(buf.subarray(0, 4))}`);
  const tier = readTier(buf, 7, packing);
  if (buf[4] !== tier.size) throw new Error(`reading size ${buf[4]}, ${tier.size} expected`);
  if (tier.end !== buf.length) throw new Error(`${buf.length - tier.end} bytes after the readings`);
  return { dropped: buf.readUInt16LE(5), readings: tier.readings };
}

function writeTier(readings, packing) {
  const dated = readings.filter((r) => r.dated);
  const undated = readings.filter((r) => !r.dated);
  const dbase = dated.length ? dated[0].t : 0;
  const ubase = undated.length ? undated[0].t : 0;
  const head = Buffer.alloc(12);
  head.writeUInt16LE(readings.length, 0);
  head.writeUInt16LE(undated.length, 2);
  head.writeUInt32LE(dbase, 4);
  head.writeUInt32LE(ubase, 8);
  const parts = [head];
  for (const r of [...dated, ...undated]) {
    const b = Buffer.alloc(3 + [...packing].reduce((s, c) => s + SIZES[c], 0));
    b.writeUIntLE(r.t - (r.dated ? dbase : ubase), 0, 3);
    let q = 3;
    [...packing].forEach((c, i) => {
      ({ h: () => b.writeInt16LE(r.values[i], q), H: () => b.writeUInt16LE(r.values[i], q), i: () => b.writeInt32LE(r.values[i], q), I: () => b.writeUInt32LE(r.values[i], q) })[c]();
      q += SIZES[c];
    });
    parts.push(b);
  }
  return Buffer.concat(parts);
}

/** RTC memory (hex) holding these fields and readings. */
export function writeRtc({ failures = 0, flags = 0, sides = 0, dropped = 0, synced = 0, due = 0, retry = 0, readings = [] }, packing) {
  const head = Buffer.alloc(RTC_HEAD);
  head.write('iot2', 0, 'latin1');
  head.writeUInt16LE(failures, 4);
  head[6] = flags;
  head[7] = sides;
  head.writeUInt16LE(dropped, 8);
  head.writeUInt32LE(synced, 10);
  head.writeUInt32LE(due, 14);
  head.writeUInt32LE(retry, 18);
  return hex(Buffer.concat([head, writeTier(readings, packing)]));
}

/** The flash ring file holding these readings. */
export function writeFlash({ dropped = 0, readings }, packing) {
  const head = Buffer.alloc(7);
  head.write('iotK', 0, 'latin1');
  head[4] = 3 + [...packing].reduce((s, c) => s + SIZES[c], 0);
  head.writeUInt16LE(dropped, 5);
  return Buffer.concat([head, writeTier(readings, packing)]);
}

/** Seconds from 1970 to the boards' epoch, 2000-01-01: board time + this = Unix time. */
export const UNIX_2000 = 946684800;

/**
 * A message as BUFFER-CONTRACT.md writes it: the measures part (the text the payload fixtures
 * hold), then `ts` or `age_ms`, then `dropped` when not zero. Throws on any other shape.
 */
export function parseMessage(text) {
  const m = /^(\{.*?)(?:, "ts": (\d+)|, "age_ms": (\d+))(?:, "dropped": ([1-9]\d*))?\}$/.exec(text);
  if (!m) throw new Error(`not a message of BUFFER-CONTRACT.md: ${text}`);
  return {
    measures: `${m[1]}}`,
    ts: m[2] === undefined ? undefined : Number(m[2]),
    age_ms: m[3] === undefined ? undefined : Number(m[3]),
    dropped: m[4] === undefined ? 0 : Number(m[4]),
  };
}

/** The messages a boot published, parsed; `measures(events)` their measures parts alone. */
export const sent = (events) => events.filter((e) => e[1] === 'publish').map((e) => parseMessage(e[3]));
export const measures = (events) => sent(events).map((m) => m.measures);
