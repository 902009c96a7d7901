# tsprovider — two commands on a fresh Debian machine:
#   make run    build and start tsproviderd on a private bus (store in ./.tsprovider)
#   make test   build and run the unit and end-to-end tests
SWIFT ?= swift
CONFIGURATION ?= debug
PREFIX ?= /usr/local
DESTDIR ?=
DATA_DIR ?= $(CURDIR)/.tsprovider
SWIFT_FLAGS ?=

BINDIR ?= $(PREFIX)/bin
SBINDIR ?= $(PREFIX)/sbin
DBUS_SYSTEM_CONF_DIR ?= /usr/share/dbus-1/system.d
DBUS_SYSTEM_SERVICES_DIR ?= /usr/share/dbus-1/system-services
DBUS_INTERFACES_DIR ?= $(PREFIX)/share/dbus-1/interfaces
SYSTEMD_UNIT_DIR ?= /lib/systemd/system
SYSCONFDIR ?= /etc

.PHONY: all deps build test bench run install clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIGURATION) $(SWIFT_FLAGS)

test: deps
	$(SWIFT) build --build-tests $(SWIFT_FLAGS)
	$(SWIFT) test --skip-build $(SWIFT_FLAGS)

bench: deps
	$(SWIFT) build -c release --product tsbench $(SWIFT_FLAGS)
	$(SWIFT) build -c release --product tsproviderd $(SWIFT_FLAGS)
	$$($(SWIFT) build -c release --show-bin-path)/tsbench

run: deps
	$(SWIFT) build -c $(CONFIGURATION) --product tsproviderd $(SWIFT_FLAGS)
	$$($(SWIFT) build -c $(CONFIGURATION) --show-bin-path)/tsproviderd --private-bus --data-dir "$(DATA_DIR)"

# Places the binaries, the bus policy, the activation file, the systemd unit and the interface
# files where Debian expects them; the example config becomes the config unless one exists.
install:
	$(SWIFT) build -c release --product tsproviderd $(SWIFT_FLAGS)
	$(SWIFT) build -c release --product tsctl $(SWIFT_FLAGS)
	install -D -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/tsproviderd" "$(DESTDIR)$(SBINDIR)/tsproviderd"
	install -D -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/tsctl" "$(DESTDIR)$(BINDIR)/tsctl"
	install -D -m 0644 policy/org.tsprovider.Provider1.conf "$(DESTDIR)$(DBUS_SYSTEM_CONF_DIR)/org.tsprovider.Provider1.conf"
	install -d "$(DESTDIR)$(DBUS_SYSTEM_SERVICES_DIR)" "$(DESTDIR)$(SYSTEMD_UNIT_DIR)" "$(DESTDIR)$(DBUS_INTERFACES_DIR)"
	sed 's|/usr/sbin/tsproviderd|$(SBINDIR)/tsproviderd|' policy/org.tsprovider.Provider1.service > "$(DESTDIR)$(DBUS_SYSTEM_SERVICES_DIR)/org.tsprovider.Provider1.service"
	sed 's|/usr/sbin/tsproviderd|$(SBINDIR)/tsproviderd|' policy/tsproviderd.service > "$(DESTDIR)$(SYSTEMD_UNIT_DIR)/tsproviderd.service"
	install -m 0644 interfaces/*.xml "$(DESTDIR)$(DBUS_INTERFACES_DIR)/"
	test -e "$(DESTDIR)$(SYSCONFDIR)/tsprovider/tsproviderd.conf" || \
		install -D -m 0644 policy/tsproviderd.conf.example "$(DESTDIR)$(SYSCONFDIR)/tsprovider/tsproviderd.conf"

clean:
	rm -rf .build
