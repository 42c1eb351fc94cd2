"""What is checked of an article's text before it is read: bad input gets a clear error or a
warning, never a silent empty record.

- NUL bytes: binary data, or UTF-16 read as UTF-8 — an error.
- Double-encoded UTF-8 ("Khá»‘i thi Ä‘ua"), the commonest mojibake of Vietnamese pages —
  repaired with ftfy and reported as a warning.
- Text that is not Vietnamese (too few words with Vietnamese letters) — a warning: the record
  is empty because there is nothing to read, and says so.
- Length over the cap (MAX_CHARS, `thidua extract --max-chars`) — an error naming the size.
- A per-article time budget (`time_budget`, `thidua extract --time-budget`): an article that
  takes longer is stopped and reported. Extraction is linear in the text's length, so the budget
  guards against the unforeseen, not against ordinary long articles.
"""
from __future__ import annotations

import re
import signal
import threading
from contextlib import contextmanager

MAX_CHARS = 5_000_000           # about 5 MB of text: far above any real article
TIME_BUDGET_S = 60.0
# a Vietnamese text has most of its words carrying a Vietnamese letter or tone mark; below this
# share of words (counted over the first words) the text is taken for another language
MIN_VIETNAMESE_SHARE = 0.12
_SAMPLE_WORDS = 400
_VIETNAMESE_LETTER = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)
_WORD = re.compile(r"[^\W\d_]+")


class InputError(ValueError):
    """The input is not an article text that can be read."""


class BudgetExceeded(InputError):
    """Extracting one article took longer than its time budget."""


def check_text(text: str, max_chars: int = MAX_CHARS) -> tuple[str, list[str]]:
    """The text to read and the warnings about it; raises InputError for text that cannot be."""
    if len(text) > max_chars:
        raise InputError(f"input is {len(text):,} characters, over the cap of {max_chars:,} (--max-chars)")
    if "\x00" in text:
        raise InputError("input holds NUL bytes: binary data, or UTF-16 text read as UTF-8")
    warnings: list[str] = []
    repaired = _repair_mojibake(text)
    if repaired != text:
        warnings.append("repaired double-encoded UTF-8 (mojibake) in the input")
        text = repaired
    share = vietnamese_share(text)
    if share is not None and share < MIN_VIETNAMESE_SHARE:
        warnings.append(f"the text does not look Vietnamese ({share:.0%} of its words have Vietnamese letters)")
    return text, warnings


def _repair_mojibake(text: str) -> str:
    from ftfy import fix_encoding
    from ftfy.badness import is_bad

    return fix_encoding(text) if is_bad(text) else text


def vietnamese_share(text: str) -> float | None:
    """Share of the first words that carry a Vietnamese letter; None for too short a text."""
    words = _WORD.findall(text[:20_000])[:_SAMPLE_WORDS]
    if len(words) < 20:
        return None
    return sum(1 for w in words if _VIETNAMESE_LETTER.search(w)) / len(words)


@contextmanager
def time_budget(seconds: float | None):
    """Raises BudgetExceeded in the block when it runs longer than `seconds`. Uses a timer
    signal, so it applies in a process's main thread on systems that have SIGALRM; elsewhere
    the block runs without a budget."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expired(signum, frame):
        raise BudgetExceeded(f"extraction took longer than its time budget of {seconds:g} s (--time-budget)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
