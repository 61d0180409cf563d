# iotsys: the two commands a fresh machine needs are `make demo` and `make test`.
SHELL := /bin/bash
MVN ?= mvn -B -ntp
PYTHON ?= python3

.PHONY: build install test test-java test-firmware test-dashboard javadoc demo bench flash moto broker format \
        mutation screenshots ensure-moto ensure-mosquitto ensure-chromium clean \
        all esp8266TempSensor esp8266TempSensorCreate esp8266TempSensorDelete

# What the command line is made of: a build is needed only when one of these changed.
# Every sensor module (sensor-*/), its firmware folder (firmware/TYPE/) and the modules the boards
# share (firmware/common/) count, and what 'sensor-type new' copies into a generated project (the
# firmware test harness).
SOURCES := $(shell find pom.xml iot-core-lib/pom.xml cli/pom.xml iot-core-lib/src/main cli/src/main \
             sensor-*/pom.xml sensor-*/src/main $(patsubst sensor-%,firmware/%,$(wildcard sensor-*)) \
             firmware/common firmware/testlib firmware/vendor firmware/package.json firmware/package-lock.json \
             $(wildcard firmware/test/*/board.json) -type f 2>/dev/null)
JAR := cli/target/iotsys.jar
CDS := cli/target/iotsys.jsa

## build: compile and package the CLI (./iotsys runs it), only when a source changed
build: $(CDS)
	@echo "built: ./iotsys --help"

$(JAR): $(SOURCES)
	$(MVN) -q package -DskipTests
	@touch $@

# The class-data-sharing archive belongs to one jar: trained again whenever the jar changes.
$(CDS): $(JAR)
	scripts/cds.sh

## install: iotsys's artifacts (the spi, sensor-micropython, the parent pom) into the local Maven
## repository, for sensor type projects made by 'iotsys sensor-type new' to build against
install:
	$(MVN) -q install -DskipTests

## test: every test — Java unit and moto integration tests, the device tests against Mosquitto,
## the dashboard in Chromium, the firmware in MicroPython, and the public API's Javadoc (doclint,
## warnings fail)
test: ensure-moto ensure-mosquitto ensure-chromium test-firmware test-dashboard test-java javadoc

test-java:
	$(MVN) verify

javadoc:
	$(MVN) -q javadoc:javadoc -pl iot-core-lib

test-firmware:
	cd firmware && npm ci --no-audit --no-fund && npm test

# Playwright (playwright-core, from the lock file) for the browser tests that test-java runs, and
# the check that the chart library in the jar is the locked npm package's own file.
test-dashboard:
	cd cli/src/test/browser && npm ci --no-audit --no-fund && npm test

## mutation: PIT over the unit tests of api, spi, the stores and the sensor modules (each module
## opts in with pit.targetClasses and pit.skip=false in its pom), one thread as the machine is
## shared; then the score per package, for docs/mutation.md. Minutes: not part of make test.
mutation:
	$(MVN) -q -Pmutation test-compile org.pitest:pitest-maven:mutationCoverage
	$(PYTHON) scripts/mutation_scores.py $$(ls */target/pit-reports/mutations.csv)

## format: rewrite the Java sources as google-java-format lays them out (make test checks it)
format:
	$(MVN) -q spotless:apply

## ensure-moto: the local AWS the integration tests and the demo talk to
ensure-moto:
	@if $(PYTHON) -c 'import moto.server, flask' 2>/dev/null; then \
	  echo "moto $$($(PYTHON) -c 'import moto; print(moto.__version__)') found"; \
	elif [ -n "$$CI" ]; then \
	  echo "moto is missing: CI needs moto[server] preinstalled (PyPI is not reachable from CI)" >&2; \
	  exit 1; \
	else \
	  echo "installing moto[server] with pip"; \
	  $(PYTHON) -m pip install --user 'moto[server]'; \
	fi

## ensure-mosquitto: the MQTT broker (Debian's package) the device tests and the demo talk to
ensure-mosquitto:
	@if command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ]; then \
	  echo "$$($$(command -v mosquitto || echo /usr/sbin/mosquitto) -h 2>/dev/null | head -1) found"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing mosquitto with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mosquitto >/dev/null; \
	else \
	  echo "mosquitto is missing: run 'sudo apt-get install mosquitto' (Debian, Ubuntu), then make again" >&2; \
	  exit 1; \
	fi

## ensure-chromium: the browser the dashboard's tests drive (Debian's package; Playwright's own
## browser downloads are not used)
ensure-chromium:
	@if [ -x "$${CHROMIUM:-/usr/bin/chromium}" ]; then \
	  echo "$$("$${CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null | head -1) found"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing chromium with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "chromium is missing: run 'sudo apt-get install chromium' (Debian, Ubuntu), or set CHROMIUM to a Chromium, then make again" >&2; \
	  exit 1; \
	fi

## demo: against a local moto server: install (twice; the second run changes nothing), one sensor
## of each type, each tested as its board against a local Mosquitto, and readings of both
demo: ensure-moto ensure-mosquitto build
	scripts/demo.sh

## moto: a local AWS in the foreground for trying iotsys by hand: make moto [port=PORT]
moto: ensure-moto build
	scripts/local-aws.sh $(port)

## broker: a local Mosquitto with mutual TLS in the foreground, trusting the devices 'make moto'
## certifies, for 'iotsys sensor test'; prints the exact sensor test line: make broker [port=PORT]
broker: ensure-moto ensure-mosquitto
	scripts/broker.sh $(port)

## bench: wall time and API calls against moto, and the boards' awake time per reading on the
## firmware tests' virtual clock, written to docs/benchmarks.md (each script rewrites only its own
## section)
bench: ensure-moto build
	scripts/bench.sh docs/benchmarks.md
	python3 scripts/bench_store.py docs/benchmarks.md
	python3 scripts/bench_fleet.py docs/benchmarks.md
	scripts/bench_types.sh docs/benchmarks.md
	scripts/bench_plugins.sh docs/benchmarks.md
	python3 scripts/bench_dashboard.py docs/benchmarks.md
	python3 scripts/bench_awake.py docs/benchmarks.md

## screenshots: the README's pictures of `iotsys dashboard` (docs/dashboard-*.png), against a
## local moto set up as the demo sets it up, with a week of readings
screenshots: ensure-moto ensure-chromium build
	scripts/dashboard-screenshots.sh

## flash: copy a generated device package to a board:
##   make flash name=NAME port=/dev/ttyUSB0 [home=DIR]
flash:
	@test -n "$(name)" -a -n "$(port)" || { echo "usage: make flash name=NAME port=/dev/ttyUSB0 [home=DIR]  (copies HOME/sensor-TYPE/sensors/NAME/, whatever the sensor's type, onto the board; home: the fleet's folder, default the current one)" >&2; exit 2; }
	firmware/flash.sh "$(name)" "$(port)" "$(home)"

## The original system's targets, on top of the CLI.
all: build
	@test -n "$(dbName)" || { echo "usage: make all dbName=NAME" >&2; exit 2; }
	./iotsys install --db "$(dbName)"

esp8266TempSensor: build
	@test -n "$(name)" || { echo "usage: make esp8266TempSensor name=DBNAME" >&2; exit 2; }
	./iotsys sensor-type install esp8266temp --db "$(name)"

# The Wi-Fi password never goes on iotsys's command line, where `ps` shows it to every user. It
# comes from the environment (IOTSYS_WIFI_PASSWORD, or the original's wifipassword) or iotsys asks
# for it; the recipe names only the variable, so make's echo of it shows no password either. The
# original README's form, wifipassword=... on make's own command line, still works: make says once
# that it shows the password to every user for the whole run, and passes it on exactly as typed
# (make would expand a '$' in it otherwise).
ifeq ($(origin wifipassword),command line)
ifneq ($(filter esp8266TempSensorCreate,$(MAKECMDGOALS)),)
$(warning warning: wifipassword=... on make's command line shows the Wi-Fi password to every user of this machine (ps, /proc) for the whole run; next time run IOTSYS_WIFI_PASSWORD=PASSWORD make esp8266TempSensorCreate name=NAME wifissid=SSID, or leave the password out to be asked)
override wifipassword := $(value wifipassword)
export wifipassword
endif
endif

esp8266TempSensorCreate: build
	@test -n "$(name)" -a -n "$(wifissid)" || { echo "usage: IOTSYS_WIFI_PASSWORD=PASSWORD make esp8266TempSensorCreate name=NAME wifissid=SSID" >&2; exit 2; }
	IOTSYS_WIFI_PASSWORD="$${IOTSYS_WIFI_PASSWORD:-$$wifipassword}" ./iotsys sensor add esp8266temp "$(name)" --wifi-ssid "$(wifissid)"

esp8266TempSensorDelete: build
	@test -n "$(name)" || { echo "usage: make esp8266TempSensorDelete name=NAME" >&2; exit 2; }
	./iotsys sensor remove esp8266temp "$(name)"

clean:
	$(MVN) -q clean
	rm -rf firmware/node_modules .demo .bench
