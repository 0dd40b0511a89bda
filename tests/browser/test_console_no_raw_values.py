"""No page shows a raw value or an English server message: every page of console_routes.py, for every role, is
read as a person reads it (document.body.innerText) and searched for

- every value of every enum of the live GraphQL schema (SANGAT_BAIK, EVALUATION, BUTUH_PERBAIKAN, ...), as a whole
  word and in its case, but those Indonesian writes as they are (PNS, PPPK, SD, SMP, ...: SHOWN_AS_IS);
- every error code of services/core/messages.py's CATALOG (NOT_FOUND, STALE_VERSION, ...);
- the English texts of the messages catalog (each code's English templates, and the texts the services build),
  their parameters matching anything on the line;
- a period as the API writes it (2025-Q3; the console writes "Triwulan III 2025") and a hash (40 or more hex digits).

The lists are generated from the schema and the catalog, never picked by hand, so a new enum value or code is
searched for as soon as it exists. What people typed (names, positions, units, notes) is no part of the search:
the demo's texts hold none of these words, and the elements the console marks as typed text ([data-user-text]) are
left out.
"""

from __future__ import annotations

import re
import time

import pytest
from graphql import GraphQLEnumType

from browser.console_routes import ROLES, Visitor, demo, tokens, visits
from kinerja.graphql.schema import build_schema
from kinerja.services.core import messages
from kinerja.settings import Settings

# enum values Indonesian writes as they are: the employment types and school levels (their labels are the value)
SHOWN_AS_IS = {"PNS", "PPPK", "SD", "SMP", "SMA", "S2", "S3"}
# an English template is searched for when its words (beyond its parameters) say enough to be English alone
MIN_LITERAL_WORDS = 2
PARAMETER = r"[^\n]{1,300}?"
RAW_FORMS = {"a period as the API writes it": re.compile(r"\b\d{4}-Q[1-4]\b"),
             "a hash": re.compile(r"\b[0-9a-f]{40,}\b")}

# the page's visible text, without what people typed where the console marks it
VISIBLE_TEXT = """() => {
  const marked = [...document.querySelectorAll('[data-user-text]')];
  const kept = marked.map((e) => [e, e.style.visibility]);
  kept.forEach(([e]) => { e.style.visibility = 'hidden'; });
  const text = document.body.innerText;
  kept.forEach(([e, v]) => { e.style.visibility = v; });
  return text;
}"""

ON_SQLITE = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # the pages, not the data path


def enum_values() -> dict[str, str]:
    """Every value of every enum of the schema: {value: enum name}."""
    schema = build_schema(Settings())._schema
    found = {}
    for name, kind in schema.type_map.items():
        if isinstance(kind, GraphQLEnumType) and not name.startswith("__"):
            for value in kind.values:
                found.setdefault(value, name)
    return found


def words() -> dict[str, str]:
    """The raw words no page may show: {word: where it comes from}."""
    found = {value: f"enum {enum}" for value, enum in enum_values().items() if value not in SHOWN_AS_IS}
    for code in messages.CATALOG:
        found.setdefault(code, "error code")
    return found


def word_pattern(found: dict[str, str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(found, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9_])(?:{alternatives})(?![A-Za-z0-9_])")


def english_templates() -> list[str]:
    """The English texts of the catalog (each code's pairs) and of the texts the services build."""
    texts = []
    for entry in messages.CATALOG.values():
        texts += [entry.generic[0], *(english for english, _ in entry.variants)]
    texts += [messages.text_english(key) for key in messages.TEXT_KEYS]
    return sorted(set(texts))


def english_patterns() -> tuple[list[tuple[str, re.Pattern[str]]], list[str]]:
    """(template, pattern) for each English text that says enough alone, and the templates left out."""
    kept, left_out = [], []
    for template in english_templates():
        pieces = re.split(r"\{\w+(?::\w)?\}", template)
        literal_words = re.findall(r"[A-Za-z]{2,}", " ".join(pieces))
        if len(literal_words) < MIN_LITERAL_WORDS:
            left_out.append(template)
            continue
        # a parameter at either end adds nothing to finding the text but a scan of up to 300 characters at every
        # position (26 s over a long page): the text is looked for from its first literal word to its last
        while len(pieces) > 1 and not pieces[0].strip():
            pieces = pieces[1:]
        while len(pieces) > 1 and not pieces[-1].strip():
            pieces = pieces[:-1]
        body = PARAMETER.join(re.escape(p.strip()) if p.strip() else "" for p in pieces)
        body = re.sub(r"(\\ )+", r"\\s+", body)
        kept.append((template, re.compile(body, re.I)))
    return kept, left_out


def problems(text: str, raw: re.Pattern[str], found: dict[str, str],
             english: list[tuple[str, re.Pattern[str]]]) -> list[str]:
    out = []
    for m in raw.finditer(text):
        out.append(f"{m.group(0)} ({found[m.group(0)]}) in {line_of(text, m)!r}")
    for what, form in RAW_FORMS.items():
        for m in form.finditer(text):
            out.append(f"{m.group(0)} ({what}) in {line_of(text, m)!r}")
    for template, form in english:
        m = form.search(text)
        if m:
            out.append(f"English {template!r}: {m.group(0)!r}")
    return out


def line_of(text: str, m: re.Match) -> str:
    start = text.rfind("\n", 0, m.start()) + 1
    end = text.find("\n", m.end())
    return text[start:end if end >= 0 else len(text)][:200]


@pytest.fixture(scope="module")
def plan(server):
    d = demo(server)
    return d, tokens(server, d), visits(server, d)


@pytest.fixture(scope="module")
def searched():
    found = words()
    english, _ = english_patterns()
    return word_pattern(found), found, english


def test_the_search_is_generated_and_finds_what_it_should(searched):
    raw, found, english = searched
    values = enum_values()
    # generated: the schema's enums and the catalog's codes, each searched
    for value in ("SANGAT_BAIK", "EVALUATION", "BUTUH_PERBAIKAN", "DI_ATAS_EKSPEKTASI", "SUBMITTED", "QUARTERLY"):
        assert value in values and value in found, value
    assert set(messages.CATALOG) <= set(found)
    assert len(english) > 100, len(english)
    # each kind of problem is found, and Indonesian text is not
    page = ("Predikat: SANGAT_BAIK\nStatus EVALUATION.\nPeriode 2025-Q3\nversi 3f1c0a9b2e4d5f60718293a4b5c6d7e8f9012345\n"
            "Kode STALE_VERSION\nPeople: NIP 123 is not valid\nthe period is not valid")
    got = problems(page, raw, found, english)
    for expected in ("SANGAT_BAIK (enum Predikat)", "EVALUATION (enum CycleStatus)", "2025-Q3 (a period",
                     "(a hash)", "STALE_VERSION (error code)", "English 'NIP {value} is not valid'",
                     "English 'the period is not valid'"):
        assert any(expected in p for p in got), (expected, got)
    fine = ("Predikat Sangat Baik, pegawai PNS lulusan SMA. Siklus dalam tahap Evaluasi. Triwulan III 2025. "
            "Tahunan 2025. BAIK_SEKALI_X dan XSANGAT_BAIK bukan kata utuh. NIP tidak valid.")
    assert problems(fine, raw, found, english) == []


@ON_SQLITE
@pytest.mark.parametrize("role", ROLES)
def test_no_raw_value_or_english_on_any_page(server, plan, searched, role, make_page, use_token):
    raw, found, english = searched
    _, role_tokens, all_visits = plan
    page = make_page()
    if role in role_tokens:
        use_token(page, role_tokens[role])
    report, started = [], time.monotonic()
    mine = [v for v in all_visits if v.role == role]
    assert mine, role
    visitor = Visitor(page, server)
    for visit in mine:
        visitor.open(visit)
        report += [f"  {visit.path}: {p}" for p in problems(page.evaluate(VISIBLE_TEXT), raw, found, english)]
    print(f"raw values: {len(mine)} pages as {role} in {time.monotonic() - started:.1f} s")
    assert not report, f"raw values or English as {role}:\n" + "\n".join(report)


@ON_SQLITE
def test_typed_text_is_left_out_and_the_rest_is_read(server, make_page, searched):
    """[data-user-text] elements (what people typed) are not searched; every other visible text is."""
    raw, found, english = searched
    page = make_page()
    page.goto(server.url + "/#/login")
    page.locator("h1").first.wait_for()
    page.evaluate("""() => {
      const typed = Object.assign(document.createElement('p'), { textContent: 'Catatan: SANGAT_KURANG' });
      typed.dataset.userText = '';
      const shown = Object.assign(document.createElement('p'), { textContent: 'Status: CLOSED' });
      document.querySelector('main').append(typed, shown);
    }""")
    got = problems(page.evaluate(VISIBLE_TEXT), raw, found, english)
    assert [p.split(" in ")[0] for p in got] == ["CLOSED (enum CycleStatus)"], got
    assert page.get_by_text("Catatan: SANGAT_KURANG").is_visible()  # shown again after the reading
