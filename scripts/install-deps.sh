#!/usr/bin/env bash
# Installs the Debian packages tsprovider needs to build, run and test, when they are missing.
# Needs root to install; without root it only reports what is missing.
set -euo pipefail

packages=(
  libdbus-1-dev libxml2-dev libsqlite3-dev   # build: the system libraries behind CDBus, CLibXML2, GRDB
  dbus-daemon dbus-bin                       # run: the bus the daemon serves on (make run, tests)
  systemd libglib2.0-bin python3-dbus python3-gi  # tests: busctl, gdbus, python3-dbus (+ GLib loop) as clients
  libjemalloc-dev                            # build: jemalloc, tsproviderd's allocator
  libxml2-utils                              # bench: xmllint is the floor of the XML import benchmark
  libglib2.0-dev-bin                         # docs, tests: gdbus-codegen renders the D-Bus reference from interfaces/*.xml
  util-linux passwd                          # tests: setpriv and useradd for real-user security tests
  zlib1g-dev                                 # build: zlib behind CZlibInflate (zip entries are inflated with it)
  sqlite3                                    # make stress: PRAGMA integrity_check on the store after kill -9
  chromium python3                           # tests: tsctl doc --format html rendered in headless Chromium, driven over DevTools by python3
  git                                        # tests: the nightly-snapshot example commits into a git repository
  libpq-dev                                  # build: libpq behind CLibPQ (the PostgreSQL engine)
  postgresql                                 # tests: a throwaway PostgreSQL cluster (TestSupport.PostgresServer; citext, pg_trgm)
  gcc pkgconf                                # bench: cc builds tsbench reads' C floor (bench/cfloor) against libdbus-1 (pkg-config)
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
