# Readings kept until AWS IoT acknowledged them (BUFFER-CONTRACT.md). The newest wait in RTC
# memory, which costs no flash wear but is lost in a power cut; when RTC memory is full they all
# move, in one write, to a ring file in flash that keeps them through anything. Flash is written
# at most once per wake-up (save()). Full, the ring drops its oldest readings and counts them;
# the count rides on the oldest reading kept, so a repeat of that message is the same message.
# Layouts: firmware/README.md, "What the board keeps".
import os
import struct

FILE = "buffer.bin"
FLASH_READINGS = 288  # 24 hours of 5-minute readings, beside what RTC memory holds
_MAGIC = b"iotK"
_FILE_HEAD = "<4sBH"  # magic, bytes per reading (tells another type's file apart), dropped
_TIER = "<HHII"  # readings, how many of the newest are undated, base time of the dated, of the undated
TIER_HEAD = struct.calcsize(_TIER)
# A reading's time is a 3-byte offset in seconds from its kind's base: 194 days at most.
_SPAN = 1 << 24


class Tier:
    # Readings oldest first: each a 3-byte little-endian time offset, then the board's values
    # (board.PACKING). Dated readings (board time = Unix time since NTP set it) come first; the
    # undated (board time of a clock never set since the power came on) are the newest `undated`.
    # Within each kind times never go back, so every offset fits once based on its first reading.
    def __init__(self, packing, blob=b""):
        self.fmt = "<" + packing
        self.size = 3 + struct.calcsize(self.fmt)
        n, self.undated, self.dbase, self.ubase = struct.unpack_from(_TIER, blob) if len(blob) >= TIER_HEAD else (0, 0, 0, 0)
        self.data = bytearray(blob[TIER_HEAD : TIER_HEAD + n * self.size])
        if len(self.data) != n * self.size or self.undated > n:
            raise ValueError("truncated")

    def __len__(self):
        return len(self.data) // self.size

    def _offset(self, i):
        d = self.data
        o = i * self.size
        return d[o] | d[o + 1] << 8 | d[o + 2] << 16

    def _set_offset(self, i, v):
        o = i * self.size
        self.data[o : o + 3] = bytes((v & 0xFF, v >> 8 & 0xFF, v >> 16))

    def _kind(self, dated):
        # The index range of the dated or of the undated readings.
        split = len(self) - self.undated
        return range(0, split) if dated else range(split, len(self))

    def get(self, i):
        # (board time in s, dated, values)
        dated = i < len(self) - self.undated
        return (self.dbase if dated else self.ubase) + self._offset(i), dated, struct.unpack_from(self.fmt, self.data, i * self.size + 3)

    def blob(self):
        return struct.pack(_TIER, len(self), self.undated, self.dbase, self.ubase) + self.data

    def drop(self, k):
        # Removes the k oldest readings (the dated come first: they are the older).
        k = min(max(k, 0), len(self))
        self.data = self.data[k * self.size :]
        self.undated = min(self.undated, len(self))
        return k

    def drop_undated(self):
        k = self.undated
        self.data = self.data[: (len(self) - k) * self.size]
        self.undated = 0
        return k

    def _rebase(self, dated):
        # Moves the kind's base to its first reading, so that newer readings fit.
        rng = self._kind(dated)
        if not rng:
            return
        first = self._offset(rng[0])
        for i in rng:
            self._set_offset(i, self._offset(i) - first)
        if dated:
            self.dbase += first
        else:
            self.ubase += first

    def _base(self, dated):
        return self.dbase if dated else self.ubase

    def append(self, t, dated, values):
        # Returns how many old readings were dropped to keep the offsets within 194 days.
        if dated and self.undated:
            raise ValueError("a dated reading after undated ones: date them first")
        dropped = 0
        rng = self._kind(dated)
        if rng:
            t = max(t, self._base(dated) + self._offset(rng[-1]))
            while self._kind(dated) and t - self._base(dated) >= _SPAN:
                self._rebase(dated)
                if t - self._base(dated) >= _SPAN:
                    dropped += self.drop(1)
        if not self._kind(dated):
            if dated:
                self.dbase = t
            else:
                self.ubase = t
        off = t - self._base(dated)
        self.data.extend(bytes((off & 0xFF, off >> 8 & 0xFF, off >> 16)) + struct.pack(self.fmt, *values))
        if not dated:
            self.undated += 1
        return dropped

    def redate(self, jump):
        # The clock was set: undated board times + jump (s) are Unix-based times now. Returns how
        # many readings were dropped to keep the offsets within 194 days.
        if not self.undated:
            return 0
        rng = self._kind(False)
        first = self.ubase + self._offset(rng[0]) + jump
        last = self.ubase + self._offset(rng[-1]) + jump
        dropped = 0
        if len(self) > self.undated:
            # Never dated before the readings kept before them.
            first = max(first, self.dbase + self._offset(len(self) - self.undated - 1))
            last = max(last, first)
            while len(self) > self.undated and last - self.dbase >= _SPAN:
                self._rebase(True)
                if last - self.dbase >= _SPAN:
                    dropped += self.drop(1)
        if len(self) == self.undated:
            self.dbase = first
        shift = self.ubase + jump - self.dbase
        floor = first - self.dbase
        for i in self._kind(False):
            self._set_offset(i, max(self._offset(i) + shift, floor))
        self.undated = 0
        return dropped


class Buffer:
    def __init__(self, packing, rtc_bytes, st, rtc_head):
        # st: the RTC state (state.py), whose tier bytes are the RTC part; rtc_head: its header size.
        self.st = st
        self.packing = packing
        try:
            self.rtc = Tier(packing, b"" if st.fresh else st.tier)
        except ValueError:
            self.rtc = Tier(packing)  # written by another firmware: nothing to keep
        self.rtc_readings = (rtc_bytes - rtc_head - TIER_HEAD) // self.rtc.size
        self.dirty = False  # the flash ring must be written
        self.note = None  # what a person should know about the ring, for the log
        self.flash = self._load()
        if st.fresh:
            # A power cut: RTC memory is gone, and with it the count of drops, unless the ring
            # has it. Undated readings in the ring had a clock that no longer runs: their time
            # can never be known, so they go, counted.
            st.dropped = self._file_dropped
            lost = self.flash.drop_undated()
            if lost:
                st.dropped += lost
                self.dirty = True
                self.note = "%d readings in flash lost their time in a power cut: dropped" % lost

    def _load(self):
        self._file_dropped = 0
        try:
            with open(FILE, "rb") as f:
                blob = f.read()
        except OSError:
            return Tier(self.packing)
        head = struct.calcsize(_FILE_HEAD)
        tier = Tier(self.packing)
        try:
            magic, size, dropped = struct.unpack_from(_FILE_HEAD, blob)
            if magic != _MAGIC or size != tier.size:
                raise ValueError("not ours")
            tier = Tier(self.packing, blob[head:])
            self._file_dropped = dropped
        except ValueError:
            # Another program's file, or one cut short (a power cut while it was written).
            self.dirty = True
            self.note = "%s is not a buffer this firmware can read: started afresh" % FILE
        return tier

    def __len__(self):
        return len(self.flash) + len(self.rtc)

    def _dropped(self, n):
        self.st.dropped += n

    def add(self, t, dated, values):
        if len(self.rtc) >= self.rtc_readings:
            self._spill()
        self._dropped(self.rtc.append(t, dated, values))

    def _spill(self):
        # RTC memory is full: all its readings join the ring, which drops its oldest beyond
        # FLASH_READINGS. Once per wake-up at most: RTC memory is empty afterwards.
        for i in range(len(self.rtc)):
            self._dropped(self.flash.append(*self.rtc.get(i)))
        self._dropped(self.flash.drop(len(self.flash) - FLASH_READINGS))
        self.rtc = Tier(self.packing)
        self.dirty = True

    def oldest(self):
        # (board time in s, dated, values)
        return self.flash.get(0) if len(self.flash) else self.rtc.get(0)

    def pop(self):
        # The oldest reading was acknowledged, and with it the drops it reported.
        if len(self.flash):
            self.flash.drop(1)
            self.dirty = True
        else:
            self.rtc.drop(1)
        self.st.dropped = 0

    def redate(self, jump):
        self._dropped(self.rtc.redate(jump))
        if self.flash.undated:
            self._dropped(self.flash.redate(jump))
            self.dirty = True

    def save(self):
        self.st.tier = self.rtc.blob()
        if self.dirty:
            self.dirty = False
            if len(self.flash):
                with open(FILE, "wb") as f:
                    f.write(struct.pack(_FILE_HEAD, _MAGIC, self.flash.size, min(self.st.dropped, 0xFFFF)) + self.flash.blob())
            else:
                try:
                    os.remove(FILE)
                except OSError:
                    pass  # there was none
