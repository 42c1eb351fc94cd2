"""`thidua demo` end to end: sample site over HTTP → Scrapy → extraction → DuckDB file."""
import subprocess
import sys

import duckdb
import pytest

from thidua.warehouse.query import run_query

KTKT = "Khối thi đua Kinh tế - Kỹ thuật"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "thidua.duckdb"
    proc = subprocess.run([sys.executable, "-m", "thidua.cli", "demo", "--db", str(db), "--quiet"],
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert proc.returncode == 0, proc.stderr
    return db, proc.stdout


def rows(db, sql, *params):
    return run_query(db, sql, list(params) or None)[1]


def test_demo_prints_counts_and_history(demo_db):
    _, out = demo_db
    assert "Rows per section" in out and "Bloc leadership history" in out
    assert "Ban Quản lý Vườn Quốc gia Ba Bể" in out


def test_every_sample_article_is_loaded_once(demo_db):
    db, _ = demo_db
    (n, distinct), = rows(db, "SELECT count(*), count(DISTINCT url) FROM articles")
    assert n == distinct >= 10
    assert not rows(db, "SELECT url FROM articles WHERE url LIKE '%page-%' OR url LIKE '%index.html'")


def test_2021_leader_and_deputy_of_ktkt(demo_db):
    db, _ = demo_db
    got = rows(db, "SELECT leader, deputy FROM bloc_leadership_history WHERE bloc = ? AND year = 2021", KTKT)
    assert ("Ban Quản lý dự án đầu tư xây dựng công trình giao thông", "Ban Quản lý Vườn Quốc gia Ba Bể") in got


def test_three_certificates_proposed_in_2020_review(demo_db):
    db, _ = demo_db
    got = rows(db, """SELECT recipient FROM awards a JOIN articles USING (article_id)
                      WHERE a.type = 'provincial_certificate_of_merit' AND a.status = 'proposed'
                        AND a.year = 2020 AND articles.title LIKE '%Kinh tế - Kỹ thuật%'""")
    assert sorted(r[0] for r in got) == ["Sở Công Thương", "Sở Tài nguyên và Môi trường", "Sở Xây dựng"]


def test_vietnamese_number_loaded_as_double(demo_db):
    db, _ = demo_db
    got = rows(db, "SELECT value, unit FROM indicators WHERE name LIKE 'Giá trị sản xuất công nghiệp%'")
    assert (1334.251, "tỷ đồng") in got


def test_query_and_export_commands_on_the_demo_warehouse(demo_db, tmp_path):
    db, _ = demo_db
    q = subprocess.run([sys.executable, "-m", "thidua.cli", "query", "--db", str(db), "--format", "csv",
                        "SELECT year, leader FROM bloc_leadership_history WHERE year = 2021 ORDER BY 2"],
                       capture_output=True, text=True, encoding="utf-8")
    assert q.returncode == 0 and "2021,Ban Quản lý dự án đầu tư xây dựng công trình giao thông" in q.stdout
    e = subprocess.run([sys.executable, "-m", "thidua.cli", "export", "--db", str(db), "--format", "parquet",
                        "--out", str(tmp_path / "pq")], capture_output=True, text=True)
    assert e.returncode == 0
    # (thidua query reads the warehouse only, so the export is read by DuckDB itself)
    (n,), = duckdb.sql(f"SELECT count(*) FROM read_parquet('{tmp_path / 'pq' / 'awards.parquet'}/**/*.parquet')").fetchall()
    (m,), = rows(db, "SELECT count(*) FROM awards")
    assert n == m > 0
