"""Checking request parameters against the warehouse: provinces by name, year ranges.

Both the pages and the API use these, so a bad parameter gets the same clear answer in both.
"""
from __future__ import annotations

from thidua.extract.text import fold_ascii, normalize

# Text parameters: no control characters (DuckDB and logs), bounded length.
TEXT_PATTERN = r"^[^\x00-\x1f\x7f]*$"
ID_PATTERN = r"^[A-Za-z0-9_.:\-]{1,80}$"
YEAR_MIN, YEAR_MAX = 1945, 2100


class BadParam(Exception):
    """A parameter the warehouse cannot answer for; `status` is 404 (path) or 422 (query).
    `detail` is what the API says; `vi`, what a page says (the same when not given)."""

    def __init__(self, detail: str, status: int = 422, hint: list[str] | None = None,
                 vi: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.status = status
        self.hint = hint
        self.vi = vi or detail


def province_key(name: str) -> str:
    """Spelling-free key: 'Bac Kan', 'bắc kạn' and 'tỉnh Bắc Kạn' all give 'bac kan'."""
    key = " ".join(fold_ascii(normalize(name)).replace("-", " ").split())
    for prefix in ("tinh ", "thanh pho ", "tp. ", "tp "):
        if key.startswith(prefix):
            key = key[len(prefix):]
    return key


class Provinces:
    """The province names a snapshot knows, as written and current."""

    def __init__(self, names: list[tuple[str, str | None]]) -> None:
        self.written = sorted({name for name, _ in names})
        self.current = sorted({cur for _, cur in names if cur})
        # the former provinces each current one took in on 1 July 2025
        self.parts: dict[str, list[str]] = {}
        for name, cur in sorted(names):
            if cur and name not in self.current or cur == name:
                self.parts.setdefault(cur, []).append(name)
        self._by_key = {province_key(n): n for n in self.written}
        self._current_by_key = {province_key(n): n for n in self.current}

    def resolve(self, name: str | None, current: bool = False, status: int = 422) -> str | None:
        if name is None or not name.strip():
            return None
        table = self._current_by_key if current else self._by_key
        found = table.get(province_key(name))
        if found is None:
            known = self.current if current else self.written
            what = "current province" if current else "province"
            vi = "tỉnh hiện nay" if current else "tỉnh"
            raise BadParam(f"unknown {what} {name!r}: use one of the names in `hint` "
                           "(diacritics and case do not matter)", status=status, hint=known,
                           vi=f"không có {vi} nào tên {name!r}: chọn một tên trong danh sách "
                              "(gõ có dấu hay không đều được)")
        return found

    def resolve_any(self, name: str, status: int = 404) -> str:
        """A province as written, or else a current one (the province page takes both)."""
        key = province_key(name)
        found = self._by_key.get(key) or self._current_by_key.get(key)
        if found is None:
            raise BadParam(f"unknown province {name!r}", status=status,
                           hint=sorted(set(self.written) | set(self.current)),
                           vi=f"không có tỉnh nào tên {name!r}")
        return found


def year_range(year_from: int | None, year_to: int | None) -> None:
    if year_from is not None and year_to is not None and year_from > year_to:
        raise BadParam(f"year_from ({year_from}) is after year_to ({year_to})",
                       vi=f"từ năm ({year_from}) sau đến năm ({year_to})")


def unknown(names: set[str], known: set[str]) -> None:
    """A parameter the route does not take is an error, not silently ignored."""
    extra = sorted(names - known)
    if extra:
        raise BadParam(f"unknown parameter(s): {', '.join(extra)}; this address takes: "
                       f"{', '.join(sorted(known)) or 'none'}", hint=sorted(known),
                       vi=f"tham số không dùng được ở trang này: {', '.join(extra)}")


def search_text(q: str | None) -> str | None:
    """The accent-free, tone-free, lower-case form searches compare (nguyen van a)."""
    if q is None:
        return None
    folded = " ".join(fold_ascii(normalize(q)).split())
    return folded or None
