"""Checks that a built wheel carries every package folder and data file of the source tree.

An editable install imports from the tree, so a subpackage missing from pyproject.toml's
`packages` (or a lexicon missing from package-data) only shows in the wheel.
"""
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAPPING = {"thidua": "thidua", "crawler": "thidua/crawler", "extract": "thidua/extract",
           "schema": "thidua/schema", "warehouse": "thidua/warehouse"}
DATA = ("*.py", "*.tsv", "*.txt", "*.sql", "*.json", "*.toml", "*.html", "*.css", "*.js", "*.svg")


def expected() -> set[str]:
    out = set()
    for src, dest in MAPPING.items():
        for pattern in DATA:
            for path in (ROOT / src).rglob(pattern):
                if "__pycache__" in path.parts:
                    continue
                out.add(f"{dest}/{path.relative_to(ROOT / src).as_posix()}")
    return out


def main(wheel: str) -> int:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(expected() - names)
    if missing:
        print(f"{wheel} lacks {len(missing)} file(s):", *missing[:20], sep="\n  ")
        return 1
    print(f"wheel ok: {len(names)} files, every package and data file present")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
