"""checkIndicatorSpec: the stateless check of one unsaved indicator spec (issue 18). A read: it writes nothing and
audits nothing; the service (services/indicators/check.py) runs the real spec loader on it."""

from __future__ import annotations

from typing import Annotated, Optional

import strawberry
from strawberry.scalars import JSON

from kinerja.graphql.context import Info
from kinerja.graphql.errors import language
from kinerja.services.core import messages
from kinerja.services.indicators import check as service


@strawberry.input(description="One indicator's draft spec: an entry of `indicators:` in the format of the spec "
                              "files (indicator_specs/*.yaml), as YAML text, for an agency.")
class IndicatorSpecCheckInput:
    agency: str = strawberry.field(description="The agency's code (an agency admin: its own).")
    yaml: str = strawberry.field(description="The indicator entry as YAML: code, name, unit, direction, ...")


@strawberry.type(description="One problem of a draft spec, at its place in the indicator.")
class SpecProblem:
    path: list[str] = strawberry.field(description='Keys from the indicator, e.g. ["inputs", "graduates", "min"].')
    code: str = strawberry.field(description="Stable code, e.g. UNKNOWN_INPUT, CHECK_NEVER_HOLDS, CODE_FROM_FILE.")
    english: strawberry.Private[str]
    line: Optional[int] = strawberry.field(description="The line of the draft's YAML text, where known.")

    @strawberry.field(description="What is wrong, in the request's language (Accept-Language), as UserError's.")
    def message(self, info: Info) -> str:
        labels = {**messages.LABELS, **messages.SPEC_LABELS}  # a spec's keys: `unit` is its unit of measure
        return messages.message(self.code, self.english, None, self.path, language(info), labels)


@strawberry.type(description="What checkIndicatorSpec found: whether the draft loads, its problems, and the draft "
                             "as data.")
class IndicatorSpecCheck:
    ok: bool = strawberry.field(description="True when the draft loads as a spec file would and has no problem.")
    problems: list[SpecProblem] = strawberry.field(description="Every problem found (at most 100: the last then "
                                                               "says how many more there were, TOO_MANY_PROBLEMS); "
                                                               "empty when ok.")
    parsed: Optional[JSON] = strawberry.field(description="The draft as plain data (what a form shows), when its "
                                                          "YAML is one mapping; null otherwise.")


@strawberry.type
class Query:
    @strawberry.field(description="Check a draft indicator spec without saving it (ADMIN; an agency admin for its "
                                  "own agency): the spec files' loader and formula evaluator, and checks that can "
                                  "never hold. Writes nothing.")
    async def check_indicator_spec(
        self, info: Info,
        input: Annotated[IndicatorSpecCheckInput, strawberry.argument(
            description="The agency and the YAML text of the indicator to check.")],
    ) -> IndicatorSpecCheck:
        result = await service.check_indicator_spec(info.context.access, input.agency, input.yaml,
                                                    info.context.catalog)
        return IndicatorSpecCheck(ok=result.ok, problems=[
            SpecProblem(path=list(p.path), code=p.code, english=p.message, line=p.line) for p in result.problems],
            parsed=result.parsed)
