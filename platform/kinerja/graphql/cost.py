"""The cost budget: every list field declares how many items it can return (BOUNDS), a document's cost is the number
of objects it could resolve, and a request over KINERJA_MAX_QUERY_COST is refused before any resolver runs.

- Static: `CostBudget` (a schema extension) measures the operation after validation and before execution, with
  the request's variables (`first: $n`). The cost of a field that returns objects is its bound (1 for a single
  object) times one plus the cost of its selection, so nested lists multiply; fragments and inline fragments count
  at each spread and aliases each count. Each fragment is measured once and each spread adds its measure (linear
  time, as graphql/guards.py measures depth). Leaves (scalars, enums, lists of them) cost nothing; introspection
  fields (__schema, __type) cost nothing either (they are off in production and bounded by the schema).
- At run time: `guard_lists` wraps the resolver of every list field (and only those; scalar resolvers stay as
  they are). A list longer than its bound is an error (LIST_TOO_LONG, naming the field and the bound), never a
  silent truncation; the items of object lists are counted in the request's context, and once they pass the same
  limit every further list answers QUERY_TOO_COSTLY (defence in depth: the static estimate is a maximum, so this
  fires only if a bound were wrong). The same count paces the loop: graphql/pacing.py.

A bound is either a number (a maximum the service or the data keeps) or a `Page`: an optional `first` argument
with a default and a cap, for lists with no small natural maximum.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from graphql import (FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLError, GraphQLList,
                     GraphQLObjectType, GraphQLSchema, InlineFragmentNode, NonNullTypeNode, SelectionSetNode,
                     VariableNode, get_named_type, get_nullable_type, is_composite_type, value_from_ast_untyped)
from strawberry.extensions import SchemaExtension

from kinerja.graphql import execution, pacing
from kinerja.graphql.guards import chosen_operation, variable_values
from kinerja.graphql.pagination import check_first
from kinerja.plugins import manager as plugin_manager, values as plugin_values
from kinerja.services.core import audit_trail
from kinerja.services.cycles import workflow as cycles
from kinerja.services.evaluation import assessments, curve, development, objections, result_notes
from kinerja.services.evaluation import credit_points
from kinerja.services.reports import impact
from kinerja.services.org import people
from kinerja.services.indicators import check as spec_check
from kinerja.services.indicators import drafts as indicator_drafts, history as indicator_history
from kinerja.services.skp import indicator_preview
from kinerja.services.skp import measurements, monitoring, performance_feedback, targets, work_log
from kinerja.services.skp import document as skp_document, matrix as skp_matrix, revision_diff
from kinerja.services.survey import profile as survey_profile
from kinerja.services.tasks import awaiting as my_tasks
from kinerja.specs import loader as spec_loader


@dataclass(frozen=True)
class Page:
    """An optional `first` argument: `default` items when not given, at most `cap` (None: the connection cap,
    the setting max_page_size)."""
    default: int
    cap: int | None = None
    argument: str = "first"
    backward: str | None = None  # a connection's `last`: the bound when it is given and `first` is not

    def cap_for(self, max_page_size: int) -> int:
        return self.cap if self.cap is not None else max_page_size

    def size(self, given: Any, max_page_size: int) -> int:
        """The number of items the field may answer for this argument value (out of range: the resolver refuses
        it, BAD_PAGE_SIZE; here it is counted at the cap)."""
        if given is None or isinstance(given, bool) or not isinstance(given, int):
            return self.default
        return max(0, min(given, self.cap_for(max_page_size)))


@dataclass(frozen=True)
class Narrowed:
    """A list that answers at most `given` items when the argument is given (one person's assessments) and
    `otherwise` when it is not."""
    argument: str
    given: int
    otherwise: int

    def size(self, value: Any, max_page_size: int) -> int:
        return self.otherwise if value is None else self.given


Bound = int | Page | Narrowed


def first_of(key: str, first: int | None, max_page_size: int) -> int:
    """The page size a `first` argument of BOUNDS[key] asks for: its default when not given, else checked
    between 1 and its cap (BAD_PAGE_SIZE). The resolver answers at most one item more, which the run-time guard
    reports as LIST_TOO_LONG."""
    page = BOUNDS[key]
    assert isinstance(page, Page), key
    return check_first(page.default if first is None else first, page.cap_for(max_page_size))


PAGE_HELP = ("Most items to answer (1 to its cap: 100 for measurements, else 1,000); a list with more items is "
             "the error LIST_TOO_LONG, never cut short.")

ROWS = 1000           # a root list of rows with no other maximum (reports, indicators, spec errors)
NESTED = Page(100, 1000)  # a nested list of a parent's children: 100 unless asked, at most 1,000
ERRORS = 5000         # payload errors: a batch of 500 items with up to ten problems each
PATH = 16             # the path of one error, e.g. ["input", "3", "behaviorNotes", "2", "note"]
WARNINGS = 2 * curve.MAX_RULES  # curve warnings: one per rule of the agency's curve and of its unit's
PERIODS_OF_CYCLE = 13   # a monthly cycle: twelve months, then the year

# "Type.field" -> the most items it answers. A test walks the live schema: every list field must be here.
BOUNDS: dict[str, Bound] = {
    # root lists
    "Query.agencies": Page(100, 1000),
    "Query.cycles": cycles.MAX_YEAR - cycles.MIN_YEAR + 1,  # one cycle a year, years MIN_YEAR-MAX_YEAR
    "Query.indicators": ROWS,
    "Query.plugins": 100,
    "Query.calculators": plugin_manager.MAX_CALCULATORS,  # more stops start-up (PluginLoadError)
    "Query.specErrors": ROWS,
    "IndicatorSpecCheck.problems": spec_check.MAX_PROBLEMS,
    "SpecProblem.path": PATH,
    "Query.indicatorDrafts": indicator_drafts.LIST_MAX,
    "IndicatorPreview.steps": indicator_preview.STEPS_MAX,
    "PreviewOutcome.problems": indicator_preview.PROBLEMS_MAX,
    "IndicatorHistoryPreview.rows": indicator_preview.HISTORY_ROWS_MAX,
    "HistoryPreviewRow.changed": 3,  # value, achievement, suggestedRating
    "IndicatorHistory.versions": ROWS,  # one a distinct approved or synced content: LIST_TOO_LONG past it
    "IndicatorVersionDiff.changes": 20 * 8 + 40,  # each input's keys, and the indicator's own
    "IndicatorVersionDiff.text": indicator_history.DIFF_LINES_MAX,
    "IndicatorDraftPayload.errors": ERRORS,
    "IndicatorPreviewResult.errors": ERRORS,
    "IndicatorHistoryPreviewResult.errors": ERRORS,
    "RetireIndicatorPayload.errors": ERRORS,
    "Query.measurements": measurements.LIST_MAX,
    # one person's: SELF and SUPERVISOR at most (unique per person, period and kind)
    "Query.assessments": Narrowed("nip", len(assessments.KINDS), assessments.LIST_MAX),
    "Query.auditTrail": audit_trail.MAX_EVENTS,
    "AuditEventPage.events": audit_trail.PAGE_MAX,  # auditEvents' `first` (1 to 100)
    "Query.predikatDistribution": ROWS,
    "Query.consecutiveLowPredikat": ROWS,
    "LowPredikatRow.runPeriods": ROWS,
    "LowPredikatRow.runPredikats": ROWS,
    "LowPredikatRow.lowHistory": ROWS,
    "Query.indicatorAchievement": ROWS,
    "Query.satisfactionByGroup": ROWS,
    "Query.predikatTrend": ROWS,
    "Query.workLog": Page(50),  # keyset pages of a person's entries (each entry has its cursor)
    "Query.performanceFeedback": Page(100, performance_feedback.LIST_MAX),
    "Query.skpMonitoring": monitoring.ROWS_MAX,
    "Query.monitoringPeople": Page(50),
    "Query.objections": Page(100, objections.LIST_MAX),
    "Query.objectionCounts": ROWS,  # one row per agency
    "MyTasks.groups": my_tasks.GROUPS_MAX,  # a kind per period of the open cycles
    "TaskGroup.items": my_tasks.ITEMS_MAX,  # the first items of a group; count counts them all
    "Objection.statements": objections.STATEMENTS_MAX,
    "Query.posts": Page(200, 1000),
    "Query.actingAssignments": Page(100, 500),
    "Person.assignments": Page(20, 100),
    "TransferPayload.assignments": 20,
    # connections: their edges are bounded by `first` (or `last`) of the field that made the connection
    **{f"{name}.edges": Page(50) for name in ("PersonConnection", "MeasurementConnection", "AssessmentConnection",
                                              "AuditEventConnection", "WorkLogEntryConnection")},
    "CreditPointsConnection.edges": Page(50),
    # nested lists
    "Agency.units": NESTED,
    "Agency.servicePopulations": NESTED,  # one per unit and one for the agency
    "Person.targets": NESTED,
    "Person.subordinates": NESTED,
    "Target.measurements": Page(20, 100),
    "Suggestion.measurements": 500,
    "Indicator.inputs": spec_loader.MAX_INPUTS,
    "Indicator.periods": len(spec_loader.PERIOD_KINDS),  # month, quarter, year: each at most once
    "Cycle.periods": PERIODS_OF_CYCLE,
    "Cycle.evaluationPeriods": PERIODS_OF_CYCLE,
    "Rating.curveWarnings": WARNINGS,
    "Rating.recommendations": 50,
    "PluginInfo.hooks": 50,
    "CalculatorInfo.inputs": plugin_values.MAX_CALCULATOR_INPUTS,  # a Calculator with more cannot be built
    "Assessment.behaviorNotes": len(assessments.CoreValue),
    "Assessment.results": result_notes.MAX_RESULTS,
    "AssessmentContext.rhk": result_notes.MAX_RESULTS,
    "SatisfactionIndex.elementAverages": 9,
    "SurveyForm.units": 1000,
    "SurveyForm.questions": 9,
    "SurveyQuestion.answers": 4,
    "SurveyForm.profile": len(survey_profile.DIMENSIONS),
    "SurveyProfileQuestion.choices": max(len(d.values) for d in survey_profile.DIMENSIONS),
    "DistributionRow.curveWarnings": WARNINGS,
    "DistributionRow.curveReference": curve.MAX_RULES,  # the rules of one organisation predikat
    "CurveBound.predikat": len(curve.PREDIKATS),
    "CurveRule.predikat": len(curve.PREDIKATS),
    "Query.curveRules": len(curve.ORG_PREDIKATS),
    "OrgCurve.rules": curve.MAX_RULES,
    "UserError.path": PATH,
    # mutation payloads
    "LoginPayload.errors": ERRORS,
    "PasswordPayload.errors": ERRORS,
    "ChangePasswordPayload.errors": ERRORS,
    "AgencyPayload.errors": ERRORS,
    "UnitPayload.errors": ERRORS,
    "ObjectionPayload.errors": ERRORS,
    "DevelopmentPlanPayload.errors": ERRORS,
    "DevelopmentActionPayload.errors": ERRORS,
    "DevelopmentPlan.actions": development.ACTIONS_MAX,
    "CreditPoints.parts": credit_points.PARTS_MAX,  # a post a day at most
    # impact (graphql/impact.py): a row a year for the agency and each unit (Agency.units' cap), and a year's before
    # and after: five predikat before, five or none after
    "Impact.rows": impact.MAX_YEARS * (NESTED.cap + 1),
    "Impact.transitions": impact.MAX_YEARS * len(curve.PREDIKATS) * (len(curve.PREDIKATS) + 1),
    "TransferPayload.errors": ERRORS,
    "PostPayload.errors": ERRORS,
    "ActingPayload.errors": ERRORS,
    "DeparturePayload.errors": ERRORS,
    "PeoplePayload.people": people.MAX_BATCH,
    "PeoplePayload.errors": ERRORS,
    "CyclePayload.errors": ERRORS,
    "ReloadPayload.errors": ROWS,
    "TargetsPayload.targets": targets.MAX_BATCH,
    "TargetsPayload.errors": ERRORS,
    "MeasurementsPayload.measurements": measurements.MAX_BATCH,
    "MeasurementsPayload.errors": ERRORS,
    "AssessmentPayload.errors": ERRORS,
    "RatingPayload.warnings": WARNINGS,
    "RatingPayload.errors": ERRORS,
    "OrgPredikatPayload.errors": ERRORS,
    "UnitOrgPredikatPayload.errors": ERRORS,
    "FeedbackPayload.errors": ERRORS,
    # the SKP document (graphql/skp.py)
    "Query.skpMatrix": skp_matrix.MAX_ROWS,
    "Query.skpChanges": revision_diff.MAX_CHANGES,
    "Skp.items": skp_document.MAX_ITEMS,
    "Skp.expectations": len(skp_document.CORE_VALUES),
    "Skp.revisions": skp_document.MAX_REVISIONS,
    "SkpItem.indicators": skp_document.MAX_INDICATORS,
    "SkpIndicator.measurements": Page(20, 100),
    "SkpAttachments.resources": skp_document.ATTACHMENT_ITEMS,
    "SkpAttachments.accountability": skp_document.ATTACHMENT_ITEMS,
    "SkpAttachments.consequences": skp_document.ATTACHMENT_ITEMS,
    "SkpMatrixRow.contributions": Page(100, 1000),
    "SkpPayload.errors": ERRORS,
    "SkpParentOptions.items": skp_document.MAX_ITEMS,
    "ServicePopulationPayload.errors": ERRORS,
    "WorkLogPayload.entries": work_log.MAX_BATCH,
    "WorkLogPayload.errors": ERRORS,
    "PerformanceFeedbackPayload.errors": ERRORS,
}

# the edges of each connection type: bounded by the page size of the field that made the connection
CONNECTION_EDGES = frozenset(key for key in BOUNDS if key.endswith("Connection.edges"))

# fields that return a connection: its edges are bounded by the field's `first` (default, cap)
CONNECTIONS: dict[str, Page] = {
    "Query.people": Page(50, backward="last"),
    "Query.followUps": Page(50),
    "Query.talentList": Page(50),
    "Query.creditPoints": Page(50),
    "Query.measurementsConnection": Page(50),
    "Query.assessmentsConnection": Page(50),
    "Query.auditTrailConnection": Page(50),
    "Query.workLogConnection": Page(50),
}


def list_fields(schema: GraphQLSchema) -> Iterator[tuple[str, GraphQLObjectType, str]]:
    """("Type.field", type, field name) of every list field of the schema's own types."""
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for name, field in type_.fields.items():
            if isinstance(get_nullable_type(field.type), GraphQLList):
                yield f"{type_.name}.{name}", type_, name


def _count(n: int) -> str:
    return f"{n:,}"


def too_costly(cost: int, limit: int) -> GraphQLError:
    return GraphQLError(
        f"query cost {_count(cost)} exceeds the limit of {_count(limit)} (KINERJA_MAX_QUERY_COST): the cost is the "
        f"number of objects the query could resolve, each list counted at its bound (its `first`, or its maximum) "
        f"and nested lists multiplied; ask for smaller pages or fewer nested lists",
        extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "limit": limit})


def list_too_long(key: str, bound: int, page: bool) -> GraphQLError:
    more = " (ask for a larger `first`, up to its cap, or use a paginated query)" if page else ""
    return GraphQLError(f"{key} has more than {_count(bound)} items, its bound{more}",
                        extensions={"code": "LIST_TOO_LONG", "field": key, "bound": bound})


class _Coster:
    """The cost of selection sets: each fragment once, each spread adding its cost (linear time)."""

    def __init__(self, schema: GraphQLSchema, fragments: Mapping[str, FragmentDefinitionNode],
                 variables: Mapping[str, Any], max_page_size: int):
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.max_page_size = max_page_size
        self.done: dict[str, int] = {}
        self.visiting: set[str] = set()
        self.required: set[str] = set()  # the operation's non-null variables (operation_cost sets them)

    def _given(self, node: FieldNode, name: str) -> Any:
        """The argument's value for a Narrowed bound: a non-null variable counts as given even before its value is
        known (the measure of a document alone, as the console's are measured)."""
        for argument in node.arguments or ():
            if (argument.name.value == name and isinstance(argument.value, VariableNode)
                    and argument.value.name.value in self.required):
                return self.variables.get(argument.value.name.value, True)
        return self._argument(node, name)

    def _argument(self, node: FieldNode, name: str) -> Any:
        for argument in node.arguments or ():
            if argument.name.value == name:
                if isinstance(argument.value, VariableNode):
                    return self.variables.get(argument.value.name.value)
                try:
                    return value_from_ast_untyped(argument.value, self.variables)
                except Exception:  # pragma: no cover - validation has checked the literal
                    return None
        return None

    def selection_set(self, node: SelectionSetNode | None, parent: Any, connection: tuple | None = None) -> int:
        if node is None or not isinstance(parent, GraphQLObjectType):
            return 0
        cost = 0
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                name = selection.name.value
                if name.startswith("__"):
                    continue
                field = parent.fields.get(name)
                if field is None:
                    continue
                target = get_named_type(field.type)
                if not is_composite_type(target):
                    continue
                key = f"{parent.name}.{name}"
                page = CONNECTIONS.get(key)
                if page is not None:
                    # the connection's edges are bounded by this field's `first`
                    given = self._argument(selection, page.argument)
                    backward = self._argument(selection, page.backward) if page.backward else None
                    size = page.size(given, self.max_page_size)
                    if backward is not None:  # paging backwards (with `first` too: refused, counted at the larger)
                        size = max(size if given is not None else 0, page.size(backward, self.max_page_size))
                    inner_connection = (page, size)
                else:
                    inner_connection = None
                if key in CONNECTION_EDGES and connection is not None:
                    count = connection[1]
                else:
                    declared = BOUNDS.get(key)
                    if declared is None:
                        count = 1
                    elif isinstance(declared, Narrowed):
                        count = declared.size(self._given(selection, declared.argument), self.max_page_size)
                    elif isinstance(declared, Page):
                        count = declared.size(self._argument(selection, declared.argument), self.max_page_size)
                    else:
                        count = declared
                cost += count * (1 + self.selection_set(selection.selection_set, target, inner_connection))
            elif isinstance(selection, InlineFragmentNode):
                inner = parent
                if selection.type_condition is not None:
                    inner = self.schema.get_type(selection.type_condition.name.value) or parent
                cost += self.selection_set(selection.selection_set, inner, connection)
            elif isinstance(selection, FragmentSpreadNode):
                cost += self.fragment(selection.name.value, connection)
        return cost

    def fragment(self, name: str, connection: tuple | None) -> int:
        memo = f"{name}\x00{connection[1] if connection else ''}"
        if memo in self.done:
            return self.done[memo]
        definition = self.fragments.get(name)
        if definition is None or name in self.visiting:
            return 0
        self.visiting.add(name)
        try:
            cost = self.selection_set(definition.selection_set,
                                      self.schema.get_type(definition.type_condition.name.value), connection)
        finally:
            self.visiting.discard(name)
        self.done[memo] = cost
        return cost


def operation_cost(schema: GraphQLSchema, document: Any, operation_name: str | None,
                   variables: Mapping[str, Any] | None, max_page_size: int) -> int:
    """The number of objects the document's operation could resolve (the chosen one, or the only one)."""
    chosen = chosen_operation(document, operation_name)
    if chosen is None:
        return 0  # graphql-core refuses the request itself
    operation, fragments = chosen
    root = schema.get_root_type(operation.operation)
    values = variable_values(operation, variables)
    coster = _Coster(schema, fragments, values, max_page_size)
    # a variable declared non-null is given whenever the operation runs (graphql-core refuses it otherwise)
    coster.required = {d.variable.name.value for d in operation.variable_definitions or ()
                       if isinstance(d.type, NonNullTypeNode) and d.default_value is None}
    return coster.selection_set(operation.selection_set, root)


class CostBudget(SchemaExtension):
    """Refuses an operation whose cost is over the limit with QUERY_TOO_COSTLY, before any resolver runs."""

    def __init__(self, *, max_cost: int, max_page_size: int):
        self.max_cost = max_cost
        self.max_page_size = max_page_size

    def on_execute(self) -> Iterator[None]:
        ec = self.execution_context
        if ec.graphql_document is not None and not ec.result:
            try:
                cost = operation_cost(ec.schema._schema, ec.graphql_document, ec.operation_name, ec.variables,
                                      self.max_page_size)
            except RecursionError:
                cost = self.max_cost + 1
            if hasattr(ec.context, "query_cost"):
                ec.context.query_cost = cost  # graphql/pacing.py: LargeQueries
            if cost > self.max_cost:
                from graphql import ExecutionResult as GraphQLExecutionResult

                ec.result = GraphQLExecutionResult(data=None, errors=[too_costly(cost, self.max_cost)])
        yield


# -- at run time ----------------------------------------------------------------------------------------------------

def _guard(resolve: Any, key: str, declared: Bound, counts: bool, max_page_size: int) -> Any:
    page = isinstance(declared, Page)

    def check(result: Any, info: Any, bound: int) -> Any:
        """The result, or an awaitable of it when this turn of the loop has done its share (graphql/pacing.py)."""
        if result is None:
            return result
        n = len(result)
        if n > bound:
            raise list_too_long(key, bound, page)
        if counts and n:
            context = info.context
            limit = context.settings.max_query_cost
            context.objects_resolved += n
            if context.objects_resolved > limit:
                raise _stopped(limit)
            return pacing.paced(result)
        return result

    async def later(pending: Any, info: Any, bound: int) -> Any:
        checked = check(await pending, info, bound)
        return await checked if inspect.isawaitable(checked) else checked

    def guarded(source: Any, info: Any, **args: Any) -> Any:
        context = info.context
        if counts and context.objects_resolved > context.settings.max_query_cost:
            raise _stopped(context.settings.max_query_cost)
        if isinstance(declared, (Page, Narrowed)):
            bound = declared.size(args.get(declared.argument), max_page_size)
        elif key in CONNECTION_EDGES:
            bound = declared if isinstance(declared, int) else max_page_size
        else:
            bound = declared
        result = resolve(source, info, **args)
        if inspect.isawaitable(result):
            return later(result, info, bound)
        return check(result, info, bound)

    guarded.__name__ = f"bounded_{getattr(resolve, '__name__', 'resolve')}"
    attribute = getattr(resolve, execution.ATTRIBUTE, None)
    if attribute is not None and not counts and isinstance(declared, int) and key not in CONNECTION_EDGES:
        # a list of scalars read from an attribute: graphql/execution.py completes it, within the same bound
        setattr(guarded, execution.LEAF_LIST, (attribute, declared, key))
    return guarded


def _stopped(limit: int) -> GraphQLError:
    return GraphQLError(f"the query resolved more than {_count(limit)} objects (KINERJA_MAX_QUERY_COST) and was "
                        f"stopped", extensions={"code": "QUERY_TOO_COSTLY", "limit": limit})


def guard_lists(schema: GraphQLSchema, max_page_size: int) -> int:
    """Wrap the resolver of every declared list field (run-time bound and object count). Returns how many."""
    changed = 0
    for key, type_, name in list_fields(schema):
        declared = BOUNDS.get(key)
        if declared is None:
            continue
        field = type_.fields[name]
        if key in CONNECTION_EDGES:
            declared = max_page_size  # the connection's own `first` (checked by its field) is at most the cap
        counts = is_composite_type(get_named_type(field.type))
        resolve = field.resolve
        if resolve is None:
            from graphql import default_field_resolver

            resolve = default_field_resolver
        field.resolve = _guard(resolve, key, declared, counts, max_page_size)
        changed += 1
    return changed
