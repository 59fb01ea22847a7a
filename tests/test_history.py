"""Series of editions: lineages, the timeline, and batch comparison on executors."""

from __future__ import annotations

import itertools
import pickle
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

import declarediff as dd
from declarediff.cli import main
from declarediff.commitments import track
from declarediff.history import History, Lineage, compare_many, history

from .conftest import FIXTURES
from .test_commitments import DOCS

SERIES = sorted((FIXTURES / "series").glob("edition-*.txt"))


def editions() -> list[dd.Document]:
    """The five editions of the series fixture, in order."""
    assert len(SERIES) == 5
    return [dd.read(p) for p in SERIES]


def lineage_with(h: History, needle: str) -> Lineage:
    """The lineage whose clause text in some edition contains ``needle``."""
    found = [c for c in h.clauses if any(t and needle in t for t in c.texts)]
    assert len(found) == 1, [c.texts for c in found]
    return found[0]


def test_series_lineages() -> None:
    """Present-reworded-moved-dropped; gone for one edition and back; added late; always there."""
    h = history(editions())
    rules = lineage_with(h, "navigation")
    assert rules.presence == (True, True, True, True, False)
    assert rules.status == "dropped" and rules.dropped_at == 4
    assert rules.reworded(1) and not rules.reworded(3)
    fisheries = lineage_with(h, "fishing")
    assert fisheries.presence == (True, True, False, True, True)
    assert fisheries.status == "intermittent"
    cables = lineage_with(h, "cables")
    assert cables.presence == (False, False, False, True, True)
    assert cables.status == "added" and cables.first == 3
    climate = lineage_with(h, "shipping emissions")
    assert climate.presence == (True,) * 5 and climate.status == "kept"


def test_history_json_contract() -> None:
    """The JSON form has the declarediff-history/1 keys, one text per edition per clause."""
    h = history(editions())
    data = h.to_dict()
    assert data["schema"] == "declarediff-history/1"
    assert [d["source"] for d in data["documents"]] == [str(p) for p in SERIES]
    for clause in data["clauses"]:
        assert {"id", "texts", "presence", "first", "last", "status", "class"} <= clause.keys()
        assert len(clause["texts"]) == len(clause["presence"]) == 5
        assert [t is not None for t in clause["texts"]] == clause["presence"]
    statuses = [c["status"] for c in data["clauses"]]
    assert statuses == sorted(statuses, key=["dropped", "added", "intermittent", "kept"].index)
    assert {f["code"] for f in data["findings"]} <= {"DD101", "DD103"}


def test_cli_timeline_with_three_or_more_sources() -> None:
    """Three or more sources print the timeline; --fail-on error fails on the dropped clause."""
    r = CliRunner().invoke(main, [str(p) for p in SERIES])
    assert r.exit_code == 0, r.stderr
    assert "declarediff history: 5 editions" in r.stdout
    assert "●" in r.stdout and "·" in r.stdout
    r = CliRunner().invoke(main, [*map(str, SERIES), "--fail-on", "error"])
    assert r.exit_code == 1
    r = CliRunner().invoke(main, [*map(str, SERIES), "--format", "sarif"])
    assert r.exit_code == 2


@pytest.mark.parametrize("fmt", ["json", "markdown", "html"])
def test_timeline_formats(fmt: str) -> None:
    """JSON, Markdown and HTML forms of the same table."""
    r = CliRunner().invoke(main, [*map(str, SERIES), "--format", fmt])
    assert r.exit_code == 0
    assert "navigation" in r.stdout


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS, DOCS)
def test_two_editions_agree_with_compare(a: str, b: str) -> None:
    """history([a, b]) drops and adds exactly what compare(a, b) drops and adds."""
    da, db = dd.parse(a), dd.parse(b)
    h = history([da, db])
    t = track(da, db)
    assert Counter(c.texts[0] for c in h.clauses if c.status == "dropped") == Counter(
        c.old.text for c in t if c.status == "dropped" and c.old
    )
    assert Counter(c.texts[1] for c in h.clauses if c.status == "added") == Counter(
        c.new.text for c in t if c.status == "added" and c.new
    )


def _pairs() -> list[tuple[dd.Document, dd.Document]]:
    docs = editions()
    return list(itertools.pairwise(docs))


def test_documents_and_results_pickle() -> None:
    """Documents and comparisons survive pickling unchanged (they cross process boundaries)."""
    a, b = _pairs()[0]
    c = dd.compare(a, b)
    assert pickle.loads(pickle.dumps(c)) == c


def test_compare_many_on_a_process_pool_equals_serial() -> None:
    """A ProcessPoolExecutor gives the same comparisons as the serial run."""
    serial = compare_many(_pairs())
    with ProcessPoolExecutor(max_workers=2) as pool:
        parallel = compare_many(_pairs(), pool)
    assert parallel == serial
    with ProcessPoolExecutor(max_workers=2) as pool:
        assert history(editions(), pool).to_dict() == history(editions()).to_dict()


def test_compare_many_on_a_dask_cluster_equals_serial(tmp_path: Path) -> None:
    """A real Dask LocalCluster's executor gives the same comparisons as the serial run."""
    distributed = pytest.importorskip("distributed")
    serial = compare_many(_pairs())
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            local_directory=str(tmp_path),
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        parallel = compare_many(_pairs(), client.get_executor())
    assert parallel == serial
