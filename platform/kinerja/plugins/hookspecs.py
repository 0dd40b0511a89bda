"""The hook specifications: the contract between the core and agency plugins, one function per hook."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pluggy

from .values import (Achievement, Calculator, Expectation, IndicatorInfo, PersonInfo, Predikat, ProposedAction,
                     RatingInfo, UnitHead)

hookspec = pluggy.HookspecMarker("kinerja")

# Hooks are synchronous and side-effect free unless their name says otherwise (kinerja_rating_finalized).
# Parameters never have default values: pluggy does not pass arguments that have one.


@hookspec
def kinerja_calculators() -> dict[str, Callable[[Mapping[str, float]], float] | Calculator]:
    """Named calculators an indicator spec can use with ``calculator: NAME``.

    Gets nothing. Returns a dict from calculator name (by convention ``area.name``, e.g.
    ``"pendidikan.apm"``) to a function that takes the measurement's inputs (input name -> number)
    and returns the realisation as a float. A calculator raises ``ValueError`` or
    ``ZeroDivisionError`` for inputs it cannot use; that is reported to the user. Two plugins
    returning the same name is an error that names both.

    A value may instead be a ``Calculator(function, inputs=(CalculatorInput(name, type, label,
    min, max, required), ...), description)``: the function with its input contract. The console
    lists the contract (the ``calculators`` query) and a spec naming the calculator must declare
    every required input, or it does not load. A bare function keeps working and is listed with
    no contract. Every signed-in user of every agency reads the contract: describe the arithmetic
    and its inputs, never an agency's indicator or data.
    """


@hookspec
def kinerja_spec_paths() -> list[Path]:
    """YAML indicator spec files or folders the plugin ships.

    Gets nothing. Returns a list of paths (files or folders of ``*.yaml``), usually relative to the
    plugin's own file, e.g. ``[Path(__file__).parent / "specs"]``. Return ``[]`` for none.
    """


@hookspec
def kinerja_validate_inputs(indicator: IndicatorInfo, inputs: Mapping[str, float]) -> list[str]:
    """Extra checks on a measurement's inputs, beyond the spec's own ``checks``.

    Gets the indicator (``IndicatorInfo``) and the inputs (input name -> number). Returns a list of
    error messages for the user, in Indonesian; ``[]`` when the inputs are fine or the indicator is
    not the plugin's (check ``indicator.agency`` or ``indicator.code``). Every plugin is asked and all
    the messages are shown together; any message rejects the measurement.
    """


@hookspec(firstresult=True)
def kinerja_suggest_result_rating(achievements: Sequence[Achievement], unit_head: UnitHead | None
                                  ) -> Expectation | None:
    """The suggested results rating (rating hasil kerja) from indicator achievements.

    Gets the person's ``Achievement`` values for the period, each with its own rating from the
    indicator's thresholds and whether it is a main result (``main``: False for a target that is an
    indicator of an ADDITIONAL RHK of the SKP in force; True otherwise, a person's target without an
    SKP and a unit's target included), and ``unit_head``: ``None``, or a
    ``UnitHead`` when the person heads a unit (the unit-head rule, SE MenPANRB 3/2023), and then the
    achievements are the unit's (its unit targets' measurements) and ``unit_head`` carries the unit,
    its organisation predikat and the rating the configured mapping gives for it. Returns an
    ``Expectation``, or ``None`` to leave the decision to the next plugin. The defaults: for a unit
    head whose unit has an organisation predikat, the mapped rating (``unit_head.from_org_predikat``,
    a ``tryfirst`` implementation, so that a plugin written before ``unit_head`` existed cannot
    overturn the rule unknowingly; a plugin that means to, names ``unit_head`` and is ``tryfirst``
    itself); otherwise the achievements rule, the majority judged on the main results (below = most
    main results below; above = no main result below and most main results above, or most of all
    results above: additional results only raise; otherwise meets; no main result -> ``None``).
    The first non-None answer wins. The supervisor decides; this is only a suggestion.

    ``unit_head`` was added after the first release: an implementation that names only
    ``achievements`` keeps working (pluggy passes an implementation only the arguments it names).
    """


@hookspec(firstresult=True)
def kinerja_predikat(result_rating: Expectation, behavior_rating: Expectation) -> Predikat:
    """The final predikat from the results rating and the behaviour rating.

    Gets the two ``Expectation`` values. Returns a ``Predikat``, or ``None`` to defer to the next
    plugin; the default is the 3x3 matrix of PermenPANRB 6/2022. The first non-None answer wins.
    """


@hookspec
def kinerja_recommendations(person: PersonInfo, rating: RatingInfo) -> list[str]:
    """Development follow-up (tindak lanjut) for a finalized rating.

    Gets the person (``PersonInfo``) and the rating (``RatingInfo``). Returns a list of
    recommendations in Indonesian, each one sentence or short paragraph; ``[]`` for none. Every
    plugin is asked; the lists are shown together.
    """


@hookspec
def kinerja_development_actions(person: PersonInfo, rating: RatingInfo) -> list[ProposedAction]:
    """Development actions (rencana pengembangan kompetensi) proposed after a rating is finalized.

    Gets the person (``PersonInfo``) and the finalized rating (``RatingInfo``). Returns a list of
    ``ProposedAction`` (kind, title in Indonesian, competency, planned JP hours, days until due, who is
    responsible); ``[]`` for none. Every plugin is asked; the actions land on the person's development plan of
    the rating's cycle, after those already there, together with each kinerja_recommendations sentence as an
    OTHER action. An action the platform cannot take (a blank title, hours outside 0-200) is skipped and logged.
    """


@hookspec
def kinerja_rating_finalized(person: PersonInfo, rating: RatingInfo) -> None:
    """Event: a rating has been finalized and stored.

    Gets the person (``PersonInfo``) and the stored rating (``RatingInfo``). Returns nothing. This is
    the one hook that may have side effects (notify, export); it runs after the rating is committed,
    so it cannot undo it. Keep it quick and synchronous.
    """


__all__ = [
    "hookspec",
    "kinerja_calculators",
    "kinerja_development_actions",
    "kinerja_predikat",
    "kinerja_rating_finalized",
    "kinerja_recommendations",
    "kinerja_spec_paths",
    "kinerja_suggest_result_rating",
    "kinerja_validate_inputs",
]
