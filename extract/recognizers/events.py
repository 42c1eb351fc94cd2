"""Recognizer for `events` (first version pending)."""
from __future__ import annotations

from thidua.extract.document import Doc


def extract(doc: Doc) -> list[dict]:
    return []
