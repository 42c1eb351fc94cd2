#!/usr/bin/env bash
# Installs the system programs the tests and the distributed crawl use, from Debian's
# packages, when they are missing: redis-server (shared crawl frontier) and chromium
# (browser tests of `thidua serve`, driven by Playwright through /usr/bin/chromium).
# Needs root or sudo; does nothing when everything is already there.
set -euo pipefail

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ -x /usr/bin/chromium ] || need+=(chromium fonts-noto-core)

if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "services.sh: please install ${need[*]} with your system's package manager" >&2
    exit 1
fi
echo "services.sh: installing ${need[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
