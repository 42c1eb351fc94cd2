#!/usr/bin/env bash
# Scores the extractor on ../shared/gold (seeds) and ../shared/dev with ../shared/tools/score.py.
# Usage: scripts/eval.sh [--show] [seeds|dev]   (default: both)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${THIDUA_SHARED:-$here/../shared}
py=${PYTHON:-$here/.venv/bin/python}
show=""; which="seeds dev"
for a in "$@"; do case $a in --show) show=--show;; seeds|dev) which=$a;; esac; done
out=${THIDUA_EVAL_OUT:-$(mktemp -d)}
for set in $which; do
  if [ "$set" = seeds ]; then
    "$py" -m thidua.cli extract "$shared"/seeds/*.txt > "$out/seeds.jsonl" || true
    echo "== seeds (../shared/gold)"; "$py" "$shared/tools/score.py" "$shared/gold" "$out/seeds.jsonl" $show
  else
    "$py" "$here/scripts/dev_input.py" "$shared/dev" | "$py" -m thidua.cli extract --jsonl - > "$out/dev.jsonl" || true
    echo "== dev (../shared/dev)"; "$py" "$shared/tools/score.py" "$shared/dev" "$out/dev.jsonl" $show
  fi
done
