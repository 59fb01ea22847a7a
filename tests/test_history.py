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
from declarediff.history import compare_many, history
from declarediff.model import History, Lineage

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


@pytest.mark.slow
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


MERGE_SERIES = sorted((FIXTURES / "merge-series").glob("edition-*.txt"))


def merge_editions() -> list[dd.Document]:
    """The five editions of the merge-and-split series fixture, in order."""
    assert len(MERGE_SERIES) == 5
    return [dd.read(p) for p in MERGE_SERIES]


def only(h: History, needle: str, edition: int) -> Lineage:
    """The lineage whose text in ``edition`` holds ``needle`` (exactly one)."""
    found = [c for c in h.clauses if (c.texts[edition] or "").count(needle)]
    assert len(found) == 1, [c.texts for c in found]
    return found[0]


def test_lineages_continue_through_a_merge() -> None:
    """Two clauses merged into one sentence in 2023: both read present up to 2024 and
    dropped exactly in 2025, each noting the merge; one finding for the dropped sentence."""
    h = history(merge_editions())
    law = only(h, "adhere to international law", 0)
    order = only(h, "upholding the rules-based order", 0)
    for lineage, other in ((law, order), (order, law)):
        assert lineage.presence == (True, True, True, True, False)
        assert lineage.status == "dropped" and lineage.dropped_at == 4
        assert [(m.edition, m.with_) for m in lineage.merges] == [(2, (other.id,))]
        assert any(c.status == "merged" and other.id in c.reasons[0] for c in lineage.changes)
    assert law.texts[3] == order.texts[3]
    dropped = [f for f in h.findings if f.code == "DD101" and "rules-based order" in f.message]
    assert len(dropped) == 1 and "edition-2025" in dropped[0].message


def test_a_lineage_continues_through_a_split() -> None:
    """One clause split over two sentences in 2022 stays one lineage holding both sentences;
    neither half is reported weakened or added."""
    h = history(merge_editions())
    defence = only(h, "every inch of Allied territory", 0)
    assert defence.presence == (True,) * 5 and defence.status == "kept"
    assert defence.sentences == (1, 2, 2, 2, 2)
    assert "is ironclad." in (defence.texts[1] or "")
    assert [c.status for c in defence.changes if c.edition == 1] == ["modified", "split"]
    assert not [c for c in h.clauses if c.first == 1]
    pairwise = dd.compare(*merge_editions()[:2])
    assert {c.status for c in pairwise.commitments} <= {"kept", "modified"}


def test_merge_series_other_clauses() -> None:
    """The figure raised in 2025, a clause added in 2023 and one dropped in 2024."""
    h = history(merge_editions())
    spending = only(h, "2% of GDP", 0)
    assert [(c.edition, c.status) for c in spending.changes] == [(4, "strengthened")]
    assert "target 2% -> 5%" in spending.changes[0].reasons
    centre = only(h, "joint centre", 2)
    assert centre.status == "added" and centre.first == 2
    dropped_2024 = [c for c in h.clauses if c.dropped_at == 3]
    assert len(dropped_2024) == 1


@pytest.mark.parametrize("series", ["series", "merge-series"])
def test_history_findings_agree_with_adjacent_comparisons(series: str) -> None:
    """Every clause the history reports dropped in edition k, compare(k-1, k) reports dropped;
    every commitment compare(k-1, k) drops is a dropped lineage there, or one that returns
    later (intermittent).  The same for added clauses."""
    docs = [dd.read(p) for p in sorted((FIXTURES / series).glob("edition-*.txt"))]
    h = history(docs)
    for k, pair in enumerate(itertools.pairwise(docs)):
        c = dd.compare(*pair)
        pair_dropped = {x.old.text for x in c.commitments if x.status == "dropped" and x.old}
        pair_added = {x.new.text for x in c.commitments if x.status == "added" and x.new}
        hist_dropped = {lin.texts[k] for lin in h.clauses if lin.dropped_at == k + 1}
        returning = {
            lin.texts[k] for lin in h.clauses if lin.status == "intermittent" and lin.texts[k]
        }
        assert hist_dropped <= pair_dropped
        assert pair_dropped <= hist_dropped | returning
        hist_added = {lin.texts[k + 1] for lin in h.clauses if lin.first == k + 1}
        assert hist_added <= pair_added
        assert pair_added - hist_added <= {
            lin.texts[k + 1] for lin in h.clauses if lin.status == "intermittent"
        }


def test_history_text_and_json_show_merges_and_splits() -> None:
    """The timeline notes each merge and split; the JSON has "merges" and "sentences"."""
    paths = [str(p) for p in MERGE_SERIES]
    out = CliRunner().invoke(main, paths)
    assert "merged with" in out.output and "split into 2 sentences in edition-2022" in out.output
    data = history(merge_editions()).to_dict()
    merged = [c for c in data["clauses"] if c["merges"]]
    assert len(merged) == 2 and merged[0]["merges"][0]["edition"] == 2
    assert any(c["sentences"][1] == 2 for c in data["clauses"])
