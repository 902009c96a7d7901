# tsprovider — two commands on a fresh Debian machine:
#   make run    build and start tsproviderd on a private bus (store in ./.tsprovider)
#   make test   build and run the unit and end-to-end tests
SWIFT ?= swift
CONFIGURATION ?= debug
PREFIX ?= /usr/local
DESTDIR ?=
DATA_DIR ?= $(CURDIR)/.tsprovider
SWIFT_FLAGS ?=

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
	$$($(SWIFT) build -c release --show-bin-path)/tsbench

run: deps
	$(SWIFT) build -c $(CONFIGURATION) --product tsproviderd $(SWIFT_FLAGS)
	$$($(SWIFT) build -c $(CONFIGURATION) --show-bin-path)/tsproviderd --private-bus --data-dir "$(DATA_DIR)"

clean:
	rm -rf .build
