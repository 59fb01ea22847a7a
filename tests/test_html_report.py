"""The HTML report (declarediff.report.html): structure, escaping, goldens, and a real browser.

The structure and golden tests run everywhere.  The browser tests drive Debian's chromium
(/usr/bin/chromium) with Playwright; they skip when either is missing, except in CI (``CI``
set), where both are installed and a missing one fails the run.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import os
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import declarediff as dd
from declarediff.report import html as html_report

from .conftest import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WATCH = ("rules-based international order",)


def _golden_tool() -> Any:
    """tools/update_golden.py as a module: the one place that says how goldens are made."""
    spec = importlib.util.spec_from_file_location("update_golden", ROOT / "tools/update_golden.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GOLDEN_TOOL = _golden_tool()


def fixture_pair(name: str) -> dd.Comparison:
    """A comparison of the fixtures behind one golden file."""
    comparison: dd.Comparison = GOLDEN_TOOL.comparison(*GOLDEN_TOOL.CASES[name])
    return comparison


def page_of(c: dd.Comparison, **options: Any) -> str:
    return html_report.render(c, dd.RenderOptions(**options))


def hostile() -> dd.Comparison:
    """Two small documents whose text, title and sources try to break out of the markup."""
    old = dd.parse(
        f"Title {SCRIPT}\n\n1. We will defend {SCRIPT} every inch.\n\n"
        f"2. {BREAKOUT} We commit to 2% of GDP.\n\n3. A paragraph that stays as it is.\n",
        source=f"old{BREAKOUT}.txt",
    )
    new = dd.parse(
        f"Title {SCRIPT}\n\n1. We may defend {SCRIPT} some inches.\n\n"
        f"2. {BREAKOUT} We aim for 5% of GDP. {SCRIPT}\n\n3. A paragraph that stays as it is.\n",
        source=f"new{SCRIPT}.txt",
    )
    return dd.compare(old, new, watch=(SCRIPT,))


class Tags(HTMLParser):
    """Every start tag with its (unescaped) attributes, and the text of each script."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)

    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.tags if "id" in a]

    def with_class(self, cls: str) -> list[dict[str, str]]:
        return [a for _, a in self.tags if cls in a.get("class", "").split()]


# ------------------------------------------------------------------ structure


def test_one_self_contained_page() -> None:
    """One document, inline CSS and JS, no external resource of any kind."""
    out = page_of(fixture_pair("nato.html"))
    assert out.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert out.count("<html") == 1 and out.rstrip().endswith("</html>")
    assert "http://" not in out and "https://" not in out
    assert re.search(r"(?i)\b(?:src|href|action)\s*=\s*[\"']?\s*(?:[a-z]+:)?//", out) is None
    assert re.search(r"(?i)url\(\s*[\"']?\s*(?!#)", out) is None
    assert "@import" not in out and "@font-face" not in out
    tags = Tags(out)
    names = {t for t, _ in tags.tags}
    assert not names & {"link", "img", "iframe", "object", "embed", "audio", "video", "base"}
    assert not any("src" in a for _, a in tags.tags)
    assert [t for t, _ in tags.tags].count("script") == 1


def test_links_stay_in_the_page_and_ids_are_unique() -> None:
    """Every href is a fragment naming an element of the page; no id is used twice."""
    for name in GOLDEN_TOOL.CASES:
        tags = Tags(page_of(fixture_pair(name)))
        ids = tags.ids()
        assert len(ids) == len(set(ids)), name
        hrefs = [a["href"] for _, a in tags.tags if "href" in a]
        assert hrefs, name
        for href in hrefs:
            assert href.startswith("#") and href[1:] in ids, (name, href)


def test_content_security_policy_allows_exactly_the_page_script() -> None:
    """The CSP admits the page's script by hash, and nothing from anywhere else."""
    out = page_of(fixture_pair("restructure.html"))
    tags = Tags(out)
    (csp,) = [
        a["content"] for t, a in tags.tags if a.get("http-equiv") == "Content-Security-Policy"
    ]
    (script,) = tags.scripts
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp


def _resource(name: str) -> bytes:
    """A file of the HTML report's package, as its bytes."""
    return resources.files("declarediff.report.html").joinpath(name).read_bytes()


def test_stylesheets_and_script_are_package_files() -> None:
    """The CSS and JavaScript are files of the package (so a wheel carries them), not Python
    strings: the package holds exactly these four besides its modules."""
    package = resources.files("declarediff.report.html")
    names = {f.name for f in package.iterdir() if f.is_file()}
    assets = {n for n in names if not n.endswith((".py", ".pyc"))}
    assert assets == {"report.css", "dark.css", "report.js", "page.css"}
    for name in assets:
        assert package.joinpath(name).is_file() and _resource(name).isascii(), name
    sources = "".join(
        package.joinpath(n).read_text(encoding="utf-8") for n in names if n.endswith(".py")
    )
    assert "addEventListener" not in sources and ".declarediff .dd-" not in sources


def test_csp_hash_is_the_script_files_hash_and_the_page_embeds_the_files() -> None:
    """The CSP admits the script by the sha256 of report.js's bytes, and the page's script
    is exactly that file's text; the styles are the CSS files' text, the dark palette in both
    of its slots."""
    script = _resource("report.js")
    digest = base64.b64encode(hashlib.sha256(script).digest()).decode()
    assert html_report.CSP.endswith(f"script-src 'sha256-{digest}'")
    assert script.decode("utf-8") == html_report.JS
    out = page_of(fixture_pair("restructure.html"))
    (embedded,) = Tags(out).scripts
    assert embedded.encode("utf-8") == script
    assert f'content="{html_report.CSP}"' in out
    css, dark = _resource("report.css").decode(), _resource("dark.css").decode()
    assert css.count("/* dark palette: dark.css */") == 2
    assert css.replace("/* dark palette: dark.css */", dark) == html_report.CSS
    assert html_report.CSS.count(dark) == 2 and "--fg: #e6edf3" in dark
    assert f"<style>{html_report.CSS}</style>" in out
    page_css = _resource("page.css").decode()
    assert page_css.endswith("}\n") and f"<style>{page_css.rstrip()}</style>" in out
    assert f"<style>{html_report.CSS}</style>" in html_report.fragment(fixture_pair("nato.html"))


def test_panels_and_counts() -> None:
    """The header counts, and a panel for each kind of news, with one entry per item."""
    c = fixture_pair("nato.html")
    out = page_of(c)
    tags = Tags(out)
    for cls in (
        "dd-p-dropped",
        "dd-p-weakened",
        "dd-p-added",
        "dd-p-other",
        "dd-p-figures",
        "dd-p-watch",
        "dd-p-findings",
    ):
        assert len(tags.with_class(cls)) == 1, cls
    assert f"{c.stats.changed:.1%}" in out
    assert f"{len(c.old.paragraphs)} paragraphs" in out and f"{c.new.words:,} words" in out
    dropped = sum(1 for cm in c.commitments if cm.status == "dropped")
    section = out.split('class="dd-panel dd-p-dropped"', 1)[1].split("</section>", 1)[0]
    assert section.count("<li>") == dropped == 15
    assert section.count("closest (similarity") + section.count("dd-also") >= 1
    assert '<span class="dd-tag">dropped</span><q>rules-based international order</q>' in out
    assert out.count('<tr class="dd-sev-') == len(c.findings)


def test_every_pair_has_a_row_in_order() -> None:
    """One row per pair, in the comparison's order, with its kind; moves link both ways."""
    c = fixture_pair("restructure.html")
    tags = Tags(page_of(c))
    rows = [a for a in tags.with_class("dd-row") if "data-r" in a]
    assert [int(a["data-r"]) for a in rows] == list(range(len(c.pairs)))
    for a, pair in zip(rows, c.pairs, strict=True):
        assert a["id"] == f"dd-r{a['data-r']}" and f"dd-{pair.kind}" in a["class"].split()
    hrefs = [a["href"] for _, a in tags.tags if "href" in a]
    moved = [k for k, p in enumerate(c.pairs) if p.moved]
    assert moved
    for k in moved:
        assert f"#dd-g{k}" in hrefs and f"#dd-r{k}" in hrefs  # row -> old place -> row
        assert f"dd-g{k}" in tags.ids()
    # A split shows both new paragraphs in one row.
    split = next(k for k, p in enumerate(c.pairs) if p.kind == "split")
    out = page_of(c)
    row = out.split(f'id="dd-r{split}"', 1)[1].split('class="dd-row', 1)[0]
    for j in c.pairs[split].new:
        assert f'id="dd-n{j}"' in row


def test_changes_are_marked_with_del_and_ins() -> None:
    """Deleted words are in <del>, inserted ones in <ins>, labels and lines are shown."""
    out = page_of(fixture_pair("restructure.html"))
    assert "<del>protected</del>" in out and "<ins>covered</ins>" in out
    assert '<span class="dd-label">9.</span>' in out and "line 23" in out
    css = html_report.CSS
    assert "line-through" in css and "underline" in css


def test_unchanged_runs_fold_unless_show_all() -> None:
    """Equal rows sit in closed <details>; show_all opens them."""
    c = fixture_pair("restructure.html")
    short = page_of(c)
    assert '<details class="dd-fold"><summary>3 unchanged paragraphs · ¶1–¶3</summary>' in short
    assert '<details class="dd-fold" open>' not in short
    full = page_of(c, show_all=True)
    assert full.count('<details class="dd-fold" open>') == short.count('<details class="dd-fold">')


def test_map_has_a_bar_per_paragraph_and_a_band_per_pair() -> None:
    """Bars for all paragraphs of both documents, bands for pairs with both sides."""
    c = fixture_pair("restructure.html")
    svg, legend = page_of(c).split('class="dd-legend"', 1)
    tags = Tags(svg.split('<figure class="dd-map">', 1)[1])
    assert len(tags.with_class("dd-bar")) == len(c.old.paragraphs) + len(c.new.paragraphs)
    assert len(tags.with_class("dd-band")) == sum(1 for p in c.pairs if p.old and p.new)
    for word in ("unchanged", "modified", "moved", "split / merged", "deleted", "inserted"):
        assert word in legend


def test_hostile_text_appears_only_escaped() -> None:
    """Markup in text, titles and sources is shown as text: no tag, attribute or script."""
    c = hostile()
    for out in (page_of(c), html_report.fragment(c)):
        assert SCRIPT not in out and "<img" not in out and "onerror=alert(1)>" not in out
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
        assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in out
        tags = Tags(out)
        assert [t for t, _ in tags.tags].count("script") == 1
        assert not any(t == "img" for t, _ in tags.tags)
        assert not any(k.startswith("on") for _, a in tags.tags for k in a)
        (script,) = tags.scripts
        assert script == html_report.JS  # no document text inside the script


def test_output_is_deterministic() -> None:
    """Same input, same bytes; the fragment's id prefix depends on the content only."""
    a, b = fixture_pair("nato.html"), fixture_pair("nato.html")
    assert page_of(a) == page_of(b)
    assert html_report.fragment(a) == html_report.fragment(b)
    other = html_report.fragment(fixture_pair("restructure.html"))
    prefix = re.compile(r'id="(dd[0-9a-f]{8}-)root"')
    first, second = prefix.search(html_report.fragment(a)), prefix.search(other)
    assert first and second and first.group(1) != second.group(1)


def test_fragment_is_one_scoped_div() -> None:
    """The notebook fragment: one div with its own style and script, no page around it."""
    out = html_report.fragment(fixture_pair("restructure.html"))
    assert out.startswith('<div class="declarediff" id="dd') and out.endswith("</div>")
    assert not {t for t, _ in Tags(out).tags} & {"html", "head", "body", "meta"}
    assert "<style>" in out and out.count("<script>") == 1
    css = html_report.CSS
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    selectors = re.findall(r"(?m)^([^@{}\s][^{}]*)\{", rules)
    assert selectors
    for sel in selectors:
        for part in (p.strip() for p in sel.split(",")):
            scoped = part.startswith((".declarediff", "body[data-jp-theme-light"))
            assert scoped or part in ("0%", "40%", "100%"), part


@pytest.mark.parametrize(("old", "new"), [("", ""), ("", "1. Hello.\n"), ("1. Hello.\n", "")])
def test_empty_sides_render(old: str, new: str) -> None:
    """Empty documents still give a whole page, with panels and a map."""
    out = page_of(dd.compare(dd.parse(old, source="a"), dd.parse(new, source="b")))
    assert out.rstrip().endswith("</html>") and 'class="dd-map"' in out
    assert "0 paragraphs" in out


def test_japanese_sides_carry_lang_and_strict_line_breaking() -> None:
    """Japanese text is marked lang="ja"; the CSS breaks CJK lines strictly."""
    out = page_of(fixture_pair("nato-ja.html"))
    assert '<div class="dd-cell dd-o" lang="ja">' in out
    assert re.search(
        r":lang\(ja\)[^{]*\{\s*line-break: strict; word-break: normal; "
        r"overflow-wrap: anywhere;",
        html_report.CSS,
    )


def test_print_stylesheet() -> None:
    """Print hides the controls, expands folds and turns colour to black and white."""
    css = html_report.CSS
    printed = css.split("@media print", 1)[1]
    assert ".dd-controls" in printed and "display: none" in printed
    assert "details.dd-fold" in printed and "--fg: #000" in printed


@pytest.mark.parametrize("name", sorted(GOLDEN_TOOL.CASES))
def test_golden(name: str) -> None:
    """The report of each fixture pair is byte for byte the golden file."""
    expected = (ROOT / "tests" / "golden" / name).read_bytes()
    actual = GOLDEN_TOOL.goldens()[name]
    assert actual == expected, (
        f"tests/golden/{name} differs from the report. If the change is intended, run "
        "`python tools/update_golden.py` and review the diff (golden files are generated, "
        "never edited by hand)."
    )


# ------------------------------------------------------------------ browser


def _need(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"missing in CI: {what}")
    pytest.skip(f"not available: {what}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium under Playwright (never a downloaded browser)."""
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 (optional)
    except ImportError:
        _need("the playwright package")
    if not CHROMIUM.exists():
        _need(str(CHROMIUM))
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


class Opened:
    """A report open in a page, with what the page did: dialogs, errors, requests."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []

    def check_clean(self) -> None:
        assert self.dialogs == []
        assert self.errors == []
        assert self.requests == []

    def rows_shown(self) -> int:
        count: int = self.page.evaluate(
            "() => [...document.querySelectorAll('.dd-row')]"
            ".filter(r => r.getClientRects().length > 0).length"
        )
        return count

    def wait_in_view(self, selector: str) -> None:
        """Wait until the element's top is inside the viewport, then check its box."""
        self.page.wait_for_function(
            "sel => { const r = document.querySelector(sel).getBoundingClientRect();"
            " return r.top >= 0 && r.top < innerHeight; }",
            arg=selector,
            timeout=5000,
        )
        box = self.page.locator(selector).bounding_box()
        size = self.page.viewport_size
        assert box is not None and size is not None
        assert 0 <= box["y"] < size["height"] and box["y"] + box["height"] > 0


@pytest.fixture
def open_report(browser: Browser, tmp_path: Path) -> Iterator[Callable[..., Opened]]:
    """Write a comparison's report to tmp_path and open it from disk."""
    pages: list[Page] = []

    def opener(c: dd.Comparison, name: str = "report.html", **options: Any) -> Opened:
        path = tmp_path / name
        path.write_text(page_of(c, **options), encoding="utf-8")
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        pages.append(page)
        opened = Opened(page)

        def on_dialog(dialog: Any) -> None:
            opened.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on(
            "request",
            lambda r: (
                None if r.url.startswith(("file:", "data:")) else opened.requests.append(r.url)
            ),
        )
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        return opened

    yield opener
    for page in pages:
        page.close()


def _row_id(c: dd.Comparison, side: str, paragraph: int) -> str:
    for k, pair in enumerate(c.pairs):
        if paragraph in (pair.old if side == "old" else pair.new):
            return f"dd-r{k}"
    raise AssertionError(f"no row holds {side} paragraph {paragraph}")


@pytest.mark.slow
def test_browser_dropped_commitment_links_to_its_row(open_report: Callable[..., Opened]) -> None:
    """The first dropped commitment opens the row holding its sentence, highlighted."""
    c = fixture_pair("nato.html")
    opened = open_report(c)
    page = opened.page
    first = next(cm for cm in c.commitments if cm.status == "dropped")
    assert first.old is not None
    link = page.locator(".dd-p-dropped li a.dd-go").first
    assert link.is_visible()
    href = link.get_attribute("href")
    assert href is not None and href.startswith("#")
    row_id = _row_id(c, "old", first.old.paragraph)
    assert page.eval_on_selector(href, "el => el.closest('.dd-row').id") == row_id
    link.click()
    row = page.locator(f"#{row_id}")
    assert "dd-current" in (row.get_attribute("class") or "").split()
    opened.wait_in_view(f"#{row_id}")
    assert " ".join(first.old.text.split()) in " ".join(row.inner_text().split())
    opened.check_clean()


@pytest.mark.slow
def test_browser_map_click_jumps_to_the_row(open_report: Callable[..., Opened]) -> None:
    """A band (and a bar) of the map scrolls its row into view and highlights it."""
    c = fixture_pair("nato.html")
    opened = open_report(c)
    page = opened.page
    last = max(k for k, p in enumerate(c.pairs) if p.old and p.new)
    page.locator(f'.dd-map a[data-m="{last}"] path.dd-band').click()
    opened.wait_in_view(f"#dd-r{last}")
    assert "dd-current" in (page.locator(f"#dd-r{last}").get_attribute("class") or "")
    assert page.locator(f'.dd-map a.dd-on[data-m="{last}"]').count() >= 1
    deleted = next(k for k, p in enumerate(c.pairs) if p.kind == "deleted")
    page.locator(f'.dd-map a[href="#dd-o{c.pairs[deleted].old[0]}"] rect').click()
    opened.wait_in_view(f"#dd-r{deleted}")
    assert "dd-current" in (page.locator(f"#dd-r{deleted}").get_attribute("class") or "")
    assert "dd-current" not in (page.locator(f"#dd-r{last}").get_attribute("class") or "")
    opened.check_clean()


@pytest.mark.slow
def test_browser_filter_hides_equal_rows(open_report: Callable[..., Opened]) -> None:
    """Changed rows only: equal rows go; with findings only: only flagged rows stay."""
    c = fixture_pair("restructure.html")
    opened = open_report(c, show_all=True)
    page = opened.page
    equal = sum(1 for p in c.pairs if p.kind == "equal")
    ghosts = sum(1 for p in c.pairs if p.moved)
    before = opened.rows_shown()
    assert before == len(c.pairs) + ghosts
    page.check(".dd-f-changed")
    assert opened.rows_shown() == before - equal
    page.check(".dd-f-findings")
    flagged = page.locator(".dd-row.dd-has-f").count()
    assert 0 < flagged == opened.rows_shown()
    page.check(".dd-f-all")
    assert opened.rows_shown() == before
    opened.check_clean()


@pytest.mark.slow
def test_browser_folds_open_on_demand(open_report: Callable[..., Opened]) -> None:
    """Unchanged rows start folded; the toggle and a link into a fold both open it."""
    c = fixture_pair("restructure.html")
    opened = open_report(c)
    page = opened.page
    first_equal = next(k for k, p in enumerate(c.pairs) if p.kind == "equal")
    assert not page.locator(f"#dd-r{first_equal}").is_visible()
    page.locator("details.dd-fold > summary").first.click()
    assert page.locator(f"#dd-r{first_equal}").is_visible()
    last_equal = max(k for k, p in enumerate(c.pairs) if p.kind == "equal")
    assert not page.locator(f"#dd-r{last_equal}").is_visible()
    page.locator(f'.dd-map a[data-m="{last_equal}"] path.dd-band').click()
    opened.wait_in_view(f"#dd-r{last_equal}")
    opened.check_clean()


@pytest.mark.slow
def test_browser_keys_step_through_changes(open_report: Callable[..., Opened]) -> None:
    """j/n go to the next change, k/p back; the current row is focused and highlighted."""
    c = fixture_pair("restructure.html")
    opened = open_report(c)
    page = opened.page
    changes = [f"dd-r{k}" for k, p in enumerate(c.pairs) if p.kind != "equal"]
    assert len(changes) >= 3

    def current() -> str:
        ids: list[str] = page.evaluate(
            "() => [...document.querySelectorAll('.dd-current')].map(e => e.id)"
        )
        assert len(ids) == 1
        return ids[0]

    page.keyboard.press("j")
    assert current() == changes[0]
    page.keyboard.press("j")
    assert current() == changes[1]
    page.keyboard.press("n")
    assert current() == changes[2]
    opened.wait_in_view(f"#{changes[2]}")
    assert page.evaluate("() => document.activeElement.id") == changes[2]
    page.keyboard.press("k")
    assert current() == changes[1]
    page.keyboard.press("p")
    assert current() == changes[0]
    assert "change 1 of" in page.locator(".dd-pos").inner_text()
    assert page.locator(".dd-keys").inner_text().startswith("Keys: j/n next change")
    opened.check_clean()


@pytest.mark.slow
def test_browser_hostile_documents_run_nothing(
    open_report: Callable[..., Opened], tmp_path: Path
) -> None:
    """Markup in the documents shows as text: no dialog, no error, no request, no image."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(f"1. Before {SCRIPT} here.\n\n2. {BREAKOUT} stays.\n", encoding="utf-8")
    new.write_text(
        f"1. After {SCRIPT} there.\n\n2. {BREAKOUT} stays, {SCRIPT}.\n", encoding="utf-8"
    )
    opened = open_report(dd.compare(dd.read(old), dd.read(new)), "hostile.html")
    page = opened.page
    page.keyboard.press("j")
    page.locator(".dd-map a").first.click()
    page.wait_for_timeout(300)
    text = page.locator("body").inner_text()
    assert "alert(1)" in text and "onerror=alert(1)>" in text
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1
    opened.check_clean()
    # And the deliberately hostile comparison (text, titles, sources, watched phrase).
    again = open_report(hostile(), "hostile2.html")
    again.page.wait_for_timeout(300)
    assert again.page.locator("img").count() == 0
    again.check_clean()


@pytest.mark.slow
def test_browser_notebook_fragments_keep_to_themselves(browser: Browser) -> None:
    """Two fragments on one page (as in a notebook): each one's links and keys stay in it."""
    first, second = fixture_pair("restructure.html"), fixture_pair("nato.html")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.set_content(
            "<!DOCTYPE html><html><body>"
            f"{html_report.fragment(first)}{html_report.fragment(second)}</body></html>"
        )
        roots = page.locator("div.declarediff")
        assert roots.count() == 2
        two = roots.nth(1)
        two.locator(".dd-p-dropped a.dd-go").first.click()
        assert two.locator(".dd-row.dd-current").count() == 1
        assert roots.nth(0).locator(".dd-current").count() == 0
        roots.nth(0).locator(".dd-head").click()
        page.keyboard.press("j")
        assert roots.nth(0).locator(".dd-row.dd-current").count() == 1
        assert two.locator(".dd-row.dd-current").count() == 1
        assert errors == []
    finally:
        page.close()


@pytest.mark.slow
def test_browser_full_page_screenshot(open_report: Callable[..., Opened], tmp_path: Path) -> None:
    """The page renders: a full-page screenshot is a non-empty PNG."""
    opened = open_report(fixture_pair("nato.html"))
    shot = tmp_path / "report.png"
    opened.page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert len(data) > 10_000 and data.startswith(b"\x89PNG\r\n\x1a\n")
    opened.check_clean()
