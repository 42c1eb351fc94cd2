#!/usr/bin/env bash
# A Redis server for distributed crawling, in a folder of its own:
#   scripts/redis.sh start [PORT] [DIR]   (default 6379, data/redis)
#   scripts/redis.sh stop  [PORT]
# Workers then share one crawl with: thidua crawl ... --redis redis://127.0.0.1:PORT/0
set -euo pipefail
cd "$(dirname "$0")/.."
cmd=${1:-start}; port=${2:-6379}; dir=${3:-data/redis}
case "$cmd" in
  start)
    scripts/services.sh
    mkdir -p "$dir"
    redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --daemonize yes \
        --appendonly yes --save "" --logfile "$PWD/$dir/redis.log" --pidfile "$PWD/$dir/redis-$port.pid"
    echo "redis://127.0.0.1:$port/0" ;;
  stop)
    redis-cli -p "$port" shutdown nosave ;;
  *) echo "usage: $0 start|stop [PORT] [DIR]" >&2; exit 2 ;;
esac
