"""The analyst notebooks run top to bottom against a demo warehouse and draw their figures.

Each notebook is executed with nbclient in a real IPython kernel (ipykernel), reading a demo
warehouse built in a temporary folder (sample site → Scrapy → extraction → DuckDB). A notebook
that raises, draws nothing or saves no figure fails here, as does a committed notebook that
still carries outputs.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from thidua.demo import run_demo

# Slow (each notebook runs in a kernel): `make test-fast` leaves it out, `make test` runs it.
pytestmark = pytest.mark.slow

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
ALL = sorted(NOTEBOOKS.glob("*.ipynb"))
# What each notebook must save (and say) on the demo warehouse, which has Bắc Kạn blocs,
# awards and indicators.
EXPECTED = {
    "bloc_leadership_timeline.ipynb": (["leadership_bac-kan.png"], "bloc-years"),
    "award_trends.ipynb": (["awards_by_status.png", "awards_by_type.png"], "groups"),
    "indicator_series.ipynb": (["indicator_series.png"], "points"),
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "thidua.duckdb"
    result = run_demo(path, workdir=path.parent, progress=False)
    assert result["records"] >= 10
    return path


def execute(notebook: Path, db: Path, figures: Path, monkeypatch) -> nbformat.NotebookNode:
    # The kernel is a child process: it inherits these variables.
    monkeypatch.setenv("THIDUA_DB", str(db))
    monkeypatch.setenv("THIDUA_FIGURES", str(figures))
    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return nb


def outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]


def first_count(nb: nbformat.NotebookNode, word: str) -> int:
    """The number printed before `word` ("12 bloc-years"), from the notebook's own output."""
    text = "".join(o.get("text", "") for o in outputs(nb) if o["output_type"] == "stream")
    for line in text.splitlines():
        parts = line.split()
        for i, part in enumerate(parts[1:], start=1):
            if part == word and parts[i - 1].isdigit():
                return int(parts[i - 1])
    raise AssertionError(f"no '<n> {word}' line in the notebook's output:\n{text}")


def test_every_notebook_is_listed() -> None:
    assert sorted(p.name for p in ALL) == sorted(EXPECTED)


@pytest.mark.parametrize("notebook", ALL, ids=[p.stem for p in ALL])
def test_notebook_runs_and_draws_its_figures(notebook: Path, demo_db: Path, tmp_path: Path,
                                             monkeypatch) -> None:
    figures = tmp_path / "figures"
    nb = execute(notebook, demo_db, figures, monkeypatch)
    assert not [o for o in outputs(nb) if o["output_type"] == "error"]
    images = [o for o in outputs(nb) if "image/png" in o.get("data", {})]
    assert images, "the notebook displayed no figure"
    saved, word = EXPECTED[notebook.name]
    for name in saved:
        assert (figures / name).stat().st_size > 5_000, name  # a real chart, not an empty file
    assert first_count(nb, word) > 0, f"the notebook found no {word} in the demo warehouse"


def test_a_missing_warehouse_is_built_from_the_sample_site(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "new" / "thidua.duckdb"
    nb = execute(NOTEBOOKS / "award_trends.ipynb", db, tmp_path / "figures", monkeypatch)
    assert db.exists()
    assert first_count(nb, "articles") >= 10


@pytest.mark.parametrize("notebook", ALL, ids=[p.stem for p in ALL])
def test_committed_notebooks_carry_no_outputs(notebook: Path) -> None:
    nb = nbformat.read(notebook, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, (
                f"{notebook.name} has outputs: clear them (Jupyter: Edit → Clear All Outputs, "
                f"or jupyter nbconvert --clear-output --inplace {notebook.name})")


def test_notebooks_import_only_what_the_project_installs() -> None:
    # matplotlib and duckdb are dependencies; pandas is not, so notebooks must not need it.
    for notebook in ALL:
        source = "\n".join(c.source for c in nbformat.read(notebook, as_version=4).cells)
        assert "import pandas" not in source and "from pandas" not in source, notebook.name

