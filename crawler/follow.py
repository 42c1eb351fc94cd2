"""Read a JSON Lines file while another process is still appending to it.

    for row in follow_jsonl(out / "pages.jsonl", is_done=lambda: proc.poll() is not None):
        handle(row)

Only complete lines are yielded: a line the writer has not finished (no newline yet) waits
for the next poll, and one still unfinished when the writer is done (a killed crawl) is
dropped rather than parsed half-way.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path


def follow_jsonl(path: str | Path, is_done: Callable[[], bool], poll: float = 0.05,
                 offset: int = 0) -> Iterator[dict]:
    """Yield each row of `path` as it is written, from byte `offset` on, until `is_done()`
    is true and everything written before it became true has been read."""
    path = Path(path)
    pending = b""
    fh = None
    try:
        while True:
            # Asked before reading: when it says done, the read that follows sees every
            # byte the writer wrote, so an empty read then means the file is drained.
            done = is_done()
            if fh is None:
                try:
                    fh = path.open("rb")
                    fh.seek(offset)
                except FileNotFoundError:
                    if done:
                        return
                    time.sleep(poll)
                    continue
            chunk = fh.read()
            if chunk:
                pending += chunk
                *lines, pending = pending.split(b"\n")
                for line in lines:
                    if line.strip():
                        yield json.loads(line)
                continue
            if done:
                return
            time.sleep(poll)
    finally:
        if fh is not None:
            fh.close()
