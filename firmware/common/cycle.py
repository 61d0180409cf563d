# What a board does, the same on every board (board.py says what differs): a reading every
# interval_s, kept (buffer.py) until AWS IoT acknowledged it; a connection when publish_every
# readings wait or one crossed a threshold, over which everything kept goes out, oldest first,
# each message with its own time; the clock set by NTP at the first good connection and every
# day after; failures counted, backed off from, and never leaving the board stuck.
import machine
import time

import buffer
import clock
import message
import net
import settings
import state

# Time a step may take (a reading, Wi-Fi, NTP, the TLS handshake, one publish) beyond the Wi-Fi
# timeout before the guard steps in: the ESP8266's handshake alone took ~25 s in one report.
_BUDGET_S = 120
# What a try beyond Wi-Fi may take before it fails: NTP and a TLS handshake (~25 s on the ESP8266).
_TRY_S = 30


def log(msg):
    print("[iot] " + msg)


class Device:
    def __init__(self, cfg, board):
        self.cfg = cfg
        self.board = board
        self.st = state.State()
        self.buf = buffer.Buffer(board.PACKING, board.RTC_BYTES, self.st, state.HEAD)
        if self.buf.note:
            log(self.buf.note)
        self.client = None
        self._guard = None
        self.scheduled = False  # this wake-up is a reading's (not a retry's)

    # The guard: a hung step (a handshake that never completes, a broker that never answers)
    # ends as a failure. Timer callbacks run while a socket blocks on both ports.
    def arm(self, seconds):
        if self._guard is None:
            self._guard = machine.Timer(self.board.GUARD_TIMER)

        def expired(_):
            self.failed("watchdog: no progress for %d s" % seconds, True)
            if self.cfg["mode"] == "deepsleep":
                self.sleep()
            else:
                self.save()
                machine.reset()  # a callback cannot go back to the loop

        self._guard.init(mode=machine.Timer.ONE_SHOT, period=seconds * 1000, callback=expired)

    def disarm(self):
        if self._guard is not None:
            self._guard.deinit()

    def failed(self, cause, network):
        # Counts the failure; a network failure also puts the next connection off by the back-off.
        # After max_failures in a row the board resets, and tries again at once.
        if not isinstance(cause, str):
            cause = "%s: %s" % (type(cause).__name__, cause)
        st = self.st
        cfg = self.cfg
        st.failures += 1
        n = st.failures
        log("failure %d of %d: %s" % (n, cfg["max_failures"], cause))
        wait = state.backoff_s(n, cfg["backoff_base_s"], cfg["backoff_cap_s"])
        if network:
            st.retry = clock.now_s() + wait
        if n >= cfg["max_failures"]:
            st.failures = 0  # the reset is the recovery; counting on would reset forever
            st.retry = 0
            log("%d failures in a row: resetting the board" % n)
            self.save()
            machine.reset()
        if network and cfg["mode"] == "always_on":
            log("next try in %d s" % wait)

    def measure(self):
        # A reading when one is due: wake-ups between are for retries, or a reset.
        st = self.st
        interval = self.cfg["interval_s"]
        now = clock.now_s()
        if st.due - now > interval:
            st.due = 0  # a schedule the clock cannot have made: start afresh
        if now < st.due - 1:
            return
        self.scheduled = True
        st.due = (st.due if st.due and now - st.due < interval else now) + interval
        try:
            readings = self.board.read(self.cfg)
        except self.board.SensorError as e:
            self.failed(e, False)
            return
        self.buf.add(clock.now_s(), st.synced != 0, [h for _, h in readings])
        self._thresholds(readings)

    def _thresholds(self, readings):
        # Which side of each bound the reading is on, 2 bits a measure; a change is a crossing.
        limits = self.cfg.get("thresholds")
        if not limits:
            return
        sides = 0
        crossed = []
        for i, (m, h) in enumerate(readings):
            above, below = limits.get(m, (None, None))
            side = (1 if above is not None and h > above else 0) | (2 if below is not None and h < below else 0)
            if side != (self.st.sides >> 2 * i) & 3:
                if side & 1:
                    where = "above %s" % message.text(above)
                elif side:
                    where = "below %s" % message.text(below)
                else:
                    where = "back within bounds"
                crossed.append("%s %s %s" % (m, message.text(h), where))
            sides |= side << 2 * i
        self.st.sides = sides
        if crossed:
            self.st.flags |= state.URGENT
            log("threshold crossed: %s: publishing now" % ", ".join(crossed))

    def due(self):
        n = len(self.buf)
        return n > 0 and (n >= self.cfg["publish_every"] or self.st.flags & state.URGENT)

    def publish(self, keep=False):
        # A reading's wake-up tries whenever something is due; the back-off spaces the tries
        # between readings.
        st = self.st
        now = clock.now_s()
        if st.retry - now > self.cfg["backoff_cap_s"]:
            st.retry = 0  # a back-off the clock cannot have made
        if not self.due() or not (self.scheduled or now >= st.retry - 1):
            return
        try:
            if self.client is None:
                self.client = self._connect()
            self._send()
        except Exception as e:
            net.close(self.client)
            self.client = None
            self.failed(e, True)
            return
        if not keep:
            net.close(self.client)
            self.client = None
        st.failures = 0
        st.retry = 0
        st.flags &= ~state.URGENT

    def _connect(self):
        cfg = self.cfg
        net.wifi(cfg["wifi_ssid"], cfg["wifi_password"], cfg["wifi_timeout_s"])
        self._clock()
        return net.connect(cfg)

    def _clock(self):
        # NTP at the first good connection since the power came on, then once a day: the RTC
        # drifts. A verifying TLS stack needs a date before the handshake.
        st = self.st
        age = clock.now_s() - st.synced
        needed = self.board.CLOCK_FOR_TLS and not clock.is_set()
        if st.synced and 0 <= age < clock.DAY_S and not needed:
            return
        try:
            jump = clock.sync(self.cfg["ntp_host"])
        except clock.ClockError as e:
            if needed:
                raise clock.ClockError("clock not set: %s; a TLS handshake needs the date" % e)
            host = self.cfg["ntp_host"]
            if clock.is_set():
                log("NTP via %s failed (%s); keeping the clock set earlier, %s" % (host, e.cause, clock.text()))
            else:
                log("NTP via %s failed (%s); readings go out with their age" % (host, e.cause))
            return
        jump = (jump + 500) // 1000
        if jump:
            self.buf.redate(jump)
            for k in ("due", "retry"):
                if getattr(st, k):
                    setattr(st, k, getattr(st, k) + jump)
        st.synced = clock.now_s()

    def _send(self):
        # Everything kept, oldest first, over this connection; each reading leaves the buffer
        # once acknowledged, so a lost PUBACK sends the same message again next time.
        topic = self.cfg["topic"]
        while len(self.buf):
            t, dated, values = self.buf.oldest()
            if dated:
                ts, age = (t + clock.UNIX) * 1000, None
            else:
                ts, age = None, max(0, clock.now_ms() - t * 1000)
            text = message.payload(zip(self.board.MEASURES, values), ts, age, self.st.dropped)
            net.publish(self.client, topic, text)
            self.buf.pop()
            log("published %s to %s" % (text, topic))
            self.arm(_BUDGET_S)  # progress: the guard counts from here

    def wake_ms(self):
        # When the next reading is due, or the next try if one waits and comes well before it: a
        # try that could still be failing (Wi-Fi timeout, or a handshake) when the reading is
        # due waits for the reading's wake-up, so that readings keep to their schedule.
        st = self.st
        if self.due() and st.retry < st.due - self.cfg["wifi_timeout_s"] - _TRY_S:
            return st.retry * 1000
        return st.due * 1000

    def save(self):
        self.buf.save()
        self.st.save()

    def sleep(self):
        # Deep sleep, ending on a whole second of now_ms() (see clock.py): a reset that runs
        # main.py again.
        self.save()
        now = clock.now_ms()
        ms = max(self.wake_ms(), (now // 1000 + 1) * 1000) - now
        if self.board.MAX_SLEEP_S:
            ms = min(ms, self.board.MAX_SLEEP_S * 1000)
        log("deep sleep for %d s" % ((ms + 999) // 1000))
        machine.deepsleep(ms)

    def deepsleep_mode(self):
        self.arm(self.cfg["wifi_timeout_s"] + _BUDGET_S)
        try:
            self.measure()
            self.publish()
        except Exception as e:
            self.failed(e, False)
        self.disarm()
        self.sleep()

    def always_on_mode(self):
        while True:
            self.arm(self.cfg["wifi_timeout_s"] + _BUDGET_S)
            self.scheduled = False
            try:
                self.measure()
                self.publish(keep=True)
            except Exception as e:
                self.failed(e, False)
            self.save()
            self._idle()

    def _idle(self):
        # Pings at half the keepalive so AWS IoT (which drops a client after 1.5x keepalive of
        # silence) keeps the connection: one TLS handshake instead of one per reading.
        step = max(1, self.cfg["keepalive_s"] // 2) * 1000
        while True:
            left = self.wake_ms() - clock.now_ms()
            if left <= 0:
                return
            ms = min(step, left)
            self.arm(ms // 1000 + _BUDGET_S)
            time.sleep_ms(ms)
            if self.client is not None and left > ms:
                try:
                    net.ping(self.client)
                except Exception as e:
                    log("MQTT connection lost while idle, reconnecting at the next reading: %s" % net.explain(e))
                    net.close(self.client)
                    self.client = None


def main():
    import board

    try:
        cfg = settings.load()
    except settings.ConfigError as e:
        # Nothing to retry: stop at the REPL so config.json can be fixed.
        log("config error: %s" % e)
        return
    every = cfg["publish_every"]
    log("%s: %s, mode %s, every %d s%s, topic %s" % (
        cfg["thing_name"], board.describe(cfg), cfg["mode"], cfg["interval_s"],
        ", published every %d readings" % every if every > 1 else "", cfg["topic"]))
    board.start()
    device = Device(cfg, board)
    try:
        if cfg["mode"] == "always_on":
            device.always_on_mode()
        else:
            device.deepsleep_mode()
    finally:
        device.disarm()  # after Ctrl-C the REPL must not be reset by a leftover guard
