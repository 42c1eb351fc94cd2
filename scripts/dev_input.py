"""Turns a gold folder of ID.txt + ID.json (dev layout) into `thidua extract --jsonl` input."""
import json
import pathlib
import sys

for meta in sorted(pathlib.Path(sys.argv[1]).glob("*.json")):
    m = json.loads(meta.read_text(encoding="utf-8"))
    text = meta.with_suffix(".txt")
    if text.exists():
        print(json.dumps({"id": m["id"], "text": text.read_text(encoding="utf-8"), "url": m.get("url"),
                          "published": m.get("published_hint")}, ensure_ascii=False))
