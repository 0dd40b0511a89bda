"""Evaluation result by result: the supervisor's realisation, feedback and rating per RHK of the person's SKP, and
the results rating they suggest (docs/DOMAIN.md, "Evaluation result by result").

The official evaluation form has, per RHK, the realisation, the feedback and a rating (above, meets, below). The
rule for the overall results rating (PermenPANRB 6/2022; DOMAIN.md, "Evaluation"): above when most or all results
are above expectation and no MAIN result is below; below when most or all are below; otherwise meets. "Most" is
more than half, judged on the MAIN RHK; ADDITIONAL ones can only raise (docs/DOMAIN.md, "Suggested results rating";
the rule is the default plugin's, plugins/builtin/suggested_rating.judge).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from kinerja.models import Skp, SkpItem, SkpRevision
from kinerja.plugins import Expectation
from kinerja.plugins.builtin.suggested_rating import judge
from kinerja.services.core.errors import Problem

MAX_RESULTS = 50        # as many as an SKP has RHK (services/skp: at most 50)
TEXT_MAX = 2000
RATINGS = tuple(e.value for e in Expectation)
ABOVE, MEETS, BELOW = (Expectation.DI_ATAS_EKSPEKTASI.value, Expectation.SESUAI_EKSPEKTASI.value,
                       Expectation.DI_BAWAH_EKSPEKTASI.value)


@dataclass(frozen=True)
class ResultNoteData:
    item_key: str
    rating: str
    realization: str | None = None
    feedback: str | None = None


@dataclass(frozen=True)
class ResultsSuggestion:
    rating: str
    reason: str  # in Indonesian: the console shows it as it is


@dataclass(frozen=True)
class Rhk:
    key: str
    kind: str  # MAIN | ADDITIONAL
    work_result: str


async def skp_items(person_id: int, cycle_id: int) -> list[Rhk]:
    """The RHK of the person's SKP in the cycle, in order: the revision in force, else the latest; [] without an
    SKP."""
    skp = await Skp.get_or_none(person_id=person_id, cycle_id=cycle_id)
    if skp is None:
        return []
    revision = await SkpRevision.get_or_none(skp_id=skp.id, number=skp.approved_revision or skp.revision)
    if revision is None:
        return []
    rows = await SkpItem.filter(revision_id=revision.id).order_by("position").values_list("key", "kind",
                                                                                          "work_result")
    return [Rhk(*row) for row in rows]


async def skp_item_kinds(person_id: int, cycle_id: int) -> dict[str, str]:
    """{RHK key: MAIN | ADDITIONAL} of skp_items."""
    return {item.key: item.kind for item in await skp_items(person_id, cycle_id)}


def checked(notes: Sequence[ResultNoteData], kinds: dict[str, str] | None) -> tuple[list[dict], list[Problem]]:
    """The notes as stored, or the problems with them, each at its path under input.results. `kinds`: the RHK of
    the person's SKP (skp_item_kinds); None when the person or the cycle is unknown (keys are then not judged)."""
    problems: list[Problem] = []
    if len(notes) > MAX_RESULTS:
        return [], [Problem(("input", "results"), "TOO_MANY",
                            f"at most {MAX_RESULTS} results, one per RHK; got {len(notes)}",
                            params={"limit": MAX_RESULTS, "count": len(notes)})]
    if notes and kinds is not None and not kinds:
        return [], [Problem(("input", "results"), "NO_SKP",
                            "results are rated per RHK of the person's SKP, and the person has no SKP in this cycle")]
    stored: list[dict] = []
    seen: dict[str, int] = {}
    for n, note in enumerate(notes):
        path = ("input", "results", str(n))
        key = (note.item_key or "").strip().upper()
        if kinds is None:  # an unknown person: their keys are not judged
            pass
        elif key not in kinds:
            problems.append(Problem((*path, "itemKey"), "NOT_FOUND",
                                    f"the person's SKP has no RHK {note.item_key!r} (it has {', '.join(kinds)})",
                                    params={"what": "rhk", "key": note.item_key}))
        elif key in seen:
            problems.append(Problem((*path, "itemKey"), "DUPLICATE",
                                    f"RHK {key} is rated already (results {seen[key]}): one rating per RHK"))
        else:
            seen[key] = n
        if note.rating not in RATINGS:
            problems.append(Problem((*path, "rating"), "INVALID_VALUE",
                                    f"rating must be one of {', '.join(RATINGS)}, got {note.rating!r}",
                                    params={"allowed": RATINGS, "value": note.rating}))
        texts = {}
        for name, value in (("realization", note.realization), ("feedback", note.feedback)):
            text = (value or "").strip() or None
            if text is not None and len(text) > TEXT_MAX:
                problems.append(Problem((*path, name), "TOO_LONG",
                                        f"the {name} is {len(text)} characters; at most {TEXT_MAX}",
                                        params={"length": len(text), "limit": TEXT_MAX}))
            texts[name] = text
        stored.append({"item": key, "rating": note.rating, **texts})
    return stored, problems


def suggest(notes: Sequence[dict], kinds: dict[str, str]) -> ResultsSuggestion | None:
    """The results rating the per-RHK ratings suggest, with the reason in Indonesian; None without ratings, or
    without a rated MAIN RHK (the rule judges the majority on MAIN results: suggested_rating.judge, the same rule
    as the indicator-based suggestion's). An RHK whose kind is unknown counts as MAIN."""
    if not notes:
        return None
    pairs = [(Expectation(n["rating"]), kinds.get(n["item"], "MAIN") != "ADDITIONAL") for n in notes]
    rating = judge(pairs)
    if rating is None:
        return None
    total = len(notes)
    above = sum(n["rating"] == ABOVE for n in notes)
    below = sum(n["rating"] == BELOW for n in notes)
    main = [n for n, (_, is_main) in zip(notes, pairs) if is_main]
    main_above = sum(n["rating"] == ABOVE for n in main)
    main_below = [n["item"] for n in main if n["rating"] == BELOW]
    counts = (f"{total} RHK dinilai: {above} di atas, {total - above - below} sesuai, {below} di bawah "
              "ekspektasi")
    if len(main) < total:
        counts += (f" (RHK utama {len(main)}: {main_above} di atas, {len(main) - main_above - len(main_below)} "
                   f"sesuai, {len(main_below)} di bawah)")
    if rating.value == ABOVE:
        why = ("RHK utama sebagian besar di atas ekspektasi" if main_above * 2 > len(main) else
               "dengan RHK tambahan, seluruh RHK sebagian besar di atas ekspektasi")
        return ResultsSuggestion(ABOVE, f"{counts}; {why} dan tidak ada RHK utama di bawah ekspektasi")
    if rating.value == BELOW:
        return ResultsSuggestion(BELOW, f"{counts}; sebagian besar RHK utama di bawah ekspektasi")
    why = (f"RHK utama {', '.join(main_below)} di bawah ekspektasi" if main_below and (
        main_above * 2 > len(main) or above * 2 > total) else "tidak ada yang menjadi sebagian besar RHK utama")
    return ResultsSuggestion(MEETS, f"{counts}; {why}")
