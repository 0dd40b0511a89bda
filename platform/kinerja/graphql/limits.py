"""Input limits: every string (and ID, and JSON) input has a maximum length and every list input a maximum size.

The numbers live in one table, LIMITS, keyed "Type.field" for input-object fields and "Root.field.argument" for
arguments. `apply(schema)` does two things with it:
- each root field gets the InputLimits field extension, which measures the raw argument values before the
  resolver runs (one walk over the arguments per request, nothing per result row). Too long or too many is a
  UserError in the payload of a mutation (nothing is written, nothing truncated) and a BAD_ARGUMENT-style error
  with code TOO_LONG / TOO_MANY for a query;
- each limited field's description says its maximum, so the schema documents it (SDL, GraphiQL).
A string input missing from the table still gets DEFAULT_STRING and a list DEFAULT_LIST; a test keeps the table
complete, so no input goes undocumented.

Arguments of nested fields (`Person.rating(period:)`, `Agency.orgPredikat(period:)`) are keyed "Type.field.argument"
too. A field extension there would run once per result row, so the schema extension NestedInputLimits measures them
instead, once per request before anything executes: it walks the operation's selections (each fragment once) and
answers an over-long argument with code TOO_LONG / TOO_MANY naming it, like a root field's.

Inputs in CHECKED_BY_SERVICE are measured by their service instead (with the same number, imported from it), which
reports their excess together with every other problem of the input; the extension leaves them to it.
"""

from __future__ import annotations

import json
import dataclasses
from dataclasses import dataclass
from typing import Any, Iterator

from graphql import (ExecutionResult, FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLError,
                     GraphQLField, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLList, GraphQLNonNull,
                     GraphQLObjectType, GraphQLScalarType, GraphQLSchema, InlineFragmentNode, SelectionSetNode, VariableNode, get_named_type, value_from_ast)
from graphql.execution.values import VariableValues, get_argument_values
from strawberry.extensions import FieldExtension, SchemaExtension

from kinerja.graphql.errors import UserError, empty_payload
from kinerja.graphql.guards import chosen_operation, variable_values
from kinerja.graphql import reports
from kinerja.services.org import agencies
from kinerja.services.indicators import check as spec_check
from kinerja.services.evaluation import assessments, result_notes
from kinerja.services.core import audit_trail
from kinerja.services.cycles import workflow as cycles
from kinerja.services.survey import ikm
from kinerja.services.skp import measurements
from kinerja.services.auth import passwords
from kinerja.services.org import credit_coefficients, departures, people, transfers
from kinerja.services.evaluation import ratings
from kinerja.services.evaluation import development, objections
from kinerja.services.survey import satisfaction
from kinerja.services.skp import targets
from kinerja.services.skp import performance_feedback, work_log
from kinerja.services.skp import approval as skp_approval, document as skp_document
from kinerja.services.core.errors import BadArgument
from kinerja.services.indicators import drafts as indicator_drafts

DEFAULT_STRING = 1000
DEFAULT_LIST = 500

CODE, NIP, NAME, PERIOD, TEXT, ID, CURSOR, SEARCH, KEY = 32, 40, 200, 16, 2000, 20, 200, 100, 128

LIMITS: dict[str, int] = {
    # queries
    "Query.agency.code": CODE,
    "Query.surveyForm.agency": CODE,
    "Query.people.after": CURSOR,
    "Query.people.before": CURSOR,
    "Query.person.nip": NIP,
    "Query.indicators.agency": CODE,
    "IndicatorSpecCheckInput.agency": CODE,
    "IndicatorSpecCheckInput.yaml": spec_check.MAX_TEXT,
    "Query.indicatorDrafts.agency": CODE,
    "Query.previewIndicator.inputs": TEXT,
    "Query.previewIndicatorOnHistory.period": PERIOD,
    "Query.indicatorHistory.code": 80,
    "IndicatorHistory.diff.from": 16,
    "IndicatorHistory.diff.to": 16,
    "IndicatorDraftInput.agency": CODE,
    "IndicatorDraftInput.yaml": spec_check.MAX_TEXT,
    "Mutation.rejectIndicatorDraft.note": indicator_drafts.NOTE_MAX,
    "Mutation.retireIndicator.code": 80,
    "Mutation.retireIndicator.reason": indicator_drafts.REASON_MAX,
    "Query.measurements.period": PERIOD,
    "Query.measurements.agency": CODE,
    "Query.measurements.indicator": 80,
    "Query.measurementsConnection.period": PERIOD,
    "Query.measurementsConnection.agency": CODE,
    "Query.measurementsConnection.indicator": 80,
    "Query.measurementsConnection.after": CURSOR,
    "Query.suggestedResultRating.nip": NIP,
    "Query.suggestedResultRating.period": PERIOD,
    "Query.assessments.period": PERIOD,
    "Query.assessments.nip": NIP,
    "Query.assessmentsConnection.period": PERIOD,
    "Query.assessmentsConnection.nip": NIP,
    "Query.assessmentsConnection.after": CURSOR,
    "Query.assessmentContext.nip": NIP,
    "Query.assessmentContext.period": PERIOD,
    "Query.satisfaction.period": PERIOD,
    "Query.satisfaction.agency": CODE,
    "Query.satisfaction.unit": CODE,
    "Query.auditTrail.entity": audit_trail.MAX_ID,
    "Query.auditTrail.id": audit_trail.MAX_ID,
    "Query.auditTrailConnection.entity": audit_trail.MAX_ID,
    "Query.auditTrailConnection.id": audit_trail.MAX_ID,
    "Query.auditTrailConnection.after": CURSOR,
    "Query.auditEvents.agency": audit_trail.MAX_ID,
    "Query.auditEvents.entity": audit_trail.MAX_ID,
    "Query.auditEvents.entityId": audit_trail.MAX_ID,
    "Query.auditEvents.action": audit_trail.MAX_ID,
    "Query.auditEvents.actor": audit_trail.MAX_ACTOR,
    "Query.auditEvents.after": CURSOR,
    **reports.argument_limits(),  # the report queries' arguments: from their reports' registry entries
    "Query.followUps.after": CURSOR,
    "Query.talentList.after": CURSOR,
    "Query.workLog.nip": NIP,
    "Query.workLog.after": CURSOR,
    "Query.workLogConnection.nip": NIP,
    "Query.workLogConnection.after": CURSOR,
    "Query.performanceFeedback.nip": NIP,
    "Query.performanceFeedback.period": PERIOD,
    "Query.skpMonitoring.agency": CODE,
    "Query.skpMonitoring.unit": CODE,
    "Query.skpMonitoring.period": PERIOD,
    "Query.monitoringPeople.agency": CODE,
    "Query.monitoringPeople.unit": CODE,
    "Query.monitoringPeople.period": PERIOD,
    "Query.monitoringPeople.after": CURSOR,
    # arguments of nested fields (NestedInputLimits)
    "Person.rating.period": PERIOD,
    "Agency.orgPredikat.period": PERIOD,
    "Unit.orgPredikat.period": PERIOD,
    "Agency.unit.code": CODE,
    "PersonFilter.agency": CODE,
    "PersonFilter.unit": CODE,
    "PersonFilter.search": SEARCH,
    "PersonFilter.supervisor": NIP,
    # mutations
    "Mutation.login.nip": NIP,
    "Mutation.login.password": passwords.MAX_LENGTH,
    "Mutation.setPassword.nip": NIP,
    "Mutation.setPassword.password": passwords.MAX_LENGTH,
    "Mutation.changePassword.current": passwords.MAX_LENGTH,
    "Mutation.changePassword.new": passwords.MAX_LENGTH,
    "Mutation.upsertPeople.input": people.MAX_BATCH,
    "Mutation.setCycleStatus.reason": cycles.REASON_MAX,
    "Mutation.setTargets.input": targets.MAX_BATCH,
    "Mutation.recordMeasurements.input": measurements.MAX_BATCH,
    "Mutation.reopenRating.nip": NIP,
    "Mutation.reopenRating.period": PERIOD,
    "Mutation.reopenRating.reason": ratings.TEXT_MAX,
    "Mutation.setOrgPredikat.agency": CODE,
    "Mutation.setOrgPredikat.period": PERIOD,
    "Mutation.setUnitOrgPredikat.agency": CODE,
    "Mutation.setUnitOrgPredikat.unit": CODE,
    "Mutation.setUnitOrgPredikat.period": PERIOD,
    "Mutation.setServicePopulation.agency": CODE,
    "Mutation.setServicePopulation.unit": CODE,
    "Mutation.upsertPeople.idempotencyKey": KEY,
    "Mutation.setTargets.idempotencyKey": KEY,
    "Mutation.recordMeasurements.idempotencyKey": KEY,
    "Mutation.submitFeedback.idempotencyKey": KEY,
    "AgencyInput.code": CODE,
    "AgencyInput.name": agencies.NAME_MAX,
    "UnitInput.agency": CODE,
    "UnitInput.code": CODE,
    "UnitInput.name": agencies.NAME_MAX,
    "UnitInput.parent": CODE,
    "PersonInput.nip": NIP,
    "PersonInput.name": agencies.NAME_MAX,
    "PersonInput.position": agencies.NAME_MAX,
    "PersonInput.agency": CODE,
    "PersonInput.unit": CODE,
    "PersonInput.supervisor": NIP,
    "TargetInput.indicator": 80,
    "TargetInput.workResult": targets.WORK_RESULT_MAX,
    "TargetInput.nip": NIP,
    "TargetInput.unit": CODE,
    "TargetInput.parent": ID,
    "MeasurementInput.target": ID,
    "MeasurementInput.period": PERIOD,
    "MeasurementInput.inputs": 4000,
    "MeasurementInput.evidenceUrl": measurements.URL_MAX,
    "AssessmentInput.nip": NIP,
    "AssessmentInput.period": PERIOD,
    "AssessmentInput.behaviorNotes": 7,
    "AssessmentInput.comment": assessments.COMMENT_MAX,
    "BehaviorNoteInput.note": assessments.NOTE_MAX,
    "AssessmentInput.results": result_notes.MAX_RESULTS,
    "ResultNoteInput.itemKey": 16,
    "ResultNoteInput.realization": result_notes.TEXT_MAX,
    "ResultNoteInput.feedback": result_notes.TEXT_MAX,
    "FinalizeInput.nip": NIP,
    "FinalizeInput.period": PERIOD,
    "FinalizeInput.overrideReason": ratings.TEXT_MAX,
    "FinalizeInput.curveJustification": ratings.TEXT_MAX,
    "FeedbackInput.agency": CODE,
    "FeedbackInput.unit": CODE,
    "FeedbackInput.period": PERIOD,
    "FeedbackInput.answers": ikm.ELEMENTS,
    "FeedbackInput.service": satisfaction.SERVICE_MAX,
    "FeedbackInput.servedBy": NIP,
    "FeedbackInput.comment": satisfaction.COMMENT_MAX,
    # the SKP document (graphql/skp.py)
    "Query.skp.nip": NIP,
    "Query.skpMatrix.nip": NIP,
    "Query.skpChanges.nip": NIP,
    "Query.skpParentOptions.nip": NIP,
    "Mutation.submitSkp.nip": NIP,
    "Mutation.approveSkp.nip": NIP,
    "Mutation.returnSkp.nip": NIP,
    "Mutation.returnSkp.note": skp_approval.NOTE_MAX,
    "Mutation.reviseSkp.nip": NIP,
    "SkpInput.nip": NIP,
    "SkpInput.items": skp_document.MAX_ITEMS,
    "SkpInput.expectations": len(skp_document.CORE_VALUES),
    "SkpItemInput.key": skp_document.KEY_MAX,
    "SkpItemInput.workResult": skp_document.TEXT_MAX,
    "SkpItemInput.parentKey": skp_document.KEY_MAX,
    "SkpItemInput.intervention": skp_document.TEXT_MAX,
    "SkpItemInput.indicators": skp_document.MAX_INDICATORS,
    "SkpIndicatorInput.indicator": 80,
    "SkpIndicatorInput.text": skp_document.TEXT_MAX,
    "SkpIndicatorInput.expectedOutput": skp_document.TEXT_MAX,
    "SkpExpectationInput.value": CODE,
    "SkpExpectationInput.text": skp_document.EXPECTATION_MAX,
    "SkpAttachmentsInput.resources": skp_document.ATTACHMENT_ITEMS,
    "SkpAttachmentsInput.accountability": skp_document.ATTACHMENT_ITEMS,
    "SkpAttachmentsInput.consequences": skp_document.ATTACHMENT_ITEMS,
    "Mutation.logWork.input": work_log.MAX_BATCH,
    "WorkLogInput.nip": NIP,
    "WorkLogInput.itemKey": work_log.ITEM_KEY_MAX,
    "WorkLogInput.text": work_log.TEXT_MAX,
    "WorkLogInput.evidenceUrl": work_log.URL_MAX,
    "PerformanceFeedbackInput.nip": NIP,
    "PerformanceFeedbackInput.period": PERIOD,
    "PerformanceFeedbackInput.text": performance_feedback.TEXT_MAX,
    "PerformanceFeedbackInput.itemKey": work_log.ITEM_KEY_MAX,
    "PerformanceFeedbackInput.workLogEntry": ID,
    "Mutation.answerPerformanceFeedback.id": ID,
    "Mutation.answerPerformanceFeedback.text": performance_feedback.TEXT_MAX,
    # objections (keberatan)
    "Query.objections.period": PERIOD,
    "Query.objections.agency": CODE,
    "Query.objection.id": ID,
    "Query.objectionCounts.period": PERIOD,
    "Mutation.fileObjection.nip": NIP,
    "Mutation.fileObjection.period": PERIOD,
    "Mutation.fileObjection.reason": objections.TEXT_MAX,
    "Mutation.addObjectionStatement.id": ID,
    "Mutation.addObjectionStatement.text": objections.TEXT_MAX,
    "ObjectionDecisionInput.id": ID,
    "ObjectionDecisionInput.reason": objections.TEXT_MAX,
    "ObjectionDecisionInput.reference": objections.REFERENCE_MAX,
    # posts, transfers, acting officials
    "Query.posts.agency": CODE,
    "Query.actingAssignments.agency": CODE,
    "Person.assessingOfficial.period": PERIOD,
    "TransferInput.nip": NIP,
    "TransferInput.unit": CODE,
    "TransferInput.agency": CODE,
    "TransferInput.post": ID,
    "TransferInput.supervisor": NIP,
    "PostInput.agency": CODE,
    "PostInput.unit": CODE,
    "ActingInput.post": ID,
    "ActingInput.nip": NIP,
    "Mutation.endActing.id": ID,
    "TransferInput.reason": transfers.REASON_MAX,
    "TransferInput.position": NAME,
    "PostInput.name": NAME,
    "ActingInput.decree": transfers.DECREE_MAX,
    # leaving the service
    "RetireInput.nip": NIP,
    "RetireInput.note": departures.NOTE_MAX,
    "Mutation.reinstatePerson.nip": NIP,
    "Mutation.reinstatePerson.note": departures.NOTE_MAX,
    # development plans
    "Query.developmentPlan.nip": NIP,
    "Query.developmentHours.agency": CODE,
    "Query.creditPoints.agency": CODE,
    "Query.creditPoints.after": CURSOR,
    "Mutation.setPostCreditCoefficient.post": ID,
    "Mutation.setPostCreditCoefficient.reason": credit_coefficients.REASON_MAX,
    "Query.impact.agency": CODE,
    "Query.impact.unit": CODE,
    "Mutation.saveDevelopmentPlan.nip": NIP,
    "Mutation.saveDevelopmentPlan.actions": development.ACTIONS_MAX,
    "Mutation.agreeDevelopmentPlan.nip": NIP,
    "Mutation.confirmDevelopmentAction.action": ID,
    "DevelopmentActionInput.id": ID,
    "DevelopmentActionInput.title": development.TITLE_MAX,
    "DevelopmentActionInput.competency": development.COMPETENCY_MAX,
    "DevelopmentActionInput.responsible": development.RESPONSIBLE_MAX,
    "DevelopmentCompletionInput.action": ID,
    "DevelopmentCompletionInput.evidenceNumber": development.EVIDENCE_NUMBER_MAX,
    "DevelopmentCompletionInput.evidenceUrl": development.URL_MAX,
}

# measured by their services, which report them with the input's other problems (same numbers as above)
CHECKED_BY_SERVICE = frozenset({
    "Mutation.upsertPeople.input", "Mutation.setCycleStatus.reason", "Mutation.setTargets.input",
    "AgencyInput.name",
    "TargetInput.workResult", "AssessmentInput.comment", "BehaviorNoteInput.note",
    "AssessmentInput.results", "ResultNoteInput.realization", "ResultNoteInput.feedback",
    "TransferInput.reason", "TransferInput.position", "PostInput.name", "ActingInput.decree",
    "RetireInput.note", "Mutation.reinstatePerson.note",
    # a development plan's texts and its actions' count: services/evaluation/development.py reports them by place
    "Mutation.saveDevelopmentPlan.actions", "DevelopmentActionInput.title", "DevelopmentActionInput.competency",
    "DevelopmentActionInput.responsible", "DevelopmentCompletionInput.evidenceNumber",
    "DevelopmentCompletionInput.evidenceUrl",
    "FinalizeInput.overrideReason", "FinalizeInput.curveJustification", "FeedbackInput.service",
    "FeedbackInput.comment", "PersonInput.name", "PersonInput.position", "FeedbackInput.answers",
    "AgencyInput.code", "Query.auditTrail.entity", "Query.auditTrail.id", "Query.people.after",
    "Query.people.before", "Query.auditTrailConnection.entity", "Query.auditTrailConnection.id",
    "Query.measurementsConnection.after", "Query.assessmentsConnection.after", "Query.auditTrailConnection.after",
    "Query.workLogConnection.after",
    "Query.followUps.after", "Query.talentList.after", "Mutation.upsertPeople.idempotencyKey",
    "Query.creditPoints.after", "Mutation.setPostCreditCoefficient.reason",
    "Mutation.setTargets.idempotencyKey",
    "Mutation.recordMeasurements.idempotencyKey", "Mutation.submitFeedback.idempotencyKey",
    # the SKP's counts and texts: its service reports them beside the SKP's other problems (an attachment list's
    # texts are ours: DEFAULT_STRING, and the service's 500 characters)
    "SkpInput.items", "SkpInput.expectations", "SkpItemInput.workResult", "SkpItemInput.intervention",
    "SkpItemInput.indicators", "SkpIndicatorInput.text", "SkpIndicatorInput.expectedOutput",
    "SkpExpectationInput.text",
    "SkpAttachmentsInput.resources", "SkpAttachmentsInput.accountability", "SkpAttachmentsInput.consequences",
    "Mutation.logWork.input", "WorkLogInput.text", "WorkLogInput.itemKey", "WorkLogInput.evidenceUrl",
    "PerformanceFeedbackInput.text", "PerformanceFeedbackInput.itemKey",
})

MEASURED = ("String", "ID", "JSON")  # scalars measured in characters (JSON: of its compact JSON text)


@dataclass(frozen=True)
class Excess:
    path: tuple[str, ...]
    code: str  # TOO_LONG, TOO_MANY or INVALID_TEXT (a NUL character, which PostgreSQL cannot store)
    message: str
    params: dict[str, Any] | None = dataclasses.field(default=None, compare=False)  # of the Indonesian message


def _unwrap(t: Any) -> Any:
    return t.of_type if isinstance(t, GraphQLNonNull) else t


def _size(scalar: str, value: Any) -> int:
    if scalar == "JSON":
        return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str))
    return len(value) if isinstance(value, str) else len(str(value))


def check(t: Any, value: Any, key: str, path: tuple[str, ...]) -> Iterator[Excess]:
    """The excesses of one value of GraphQL input type `t`, limited by LIMITS[key]."""
    t = _unwrap(t)
    if value is None:
        return
    if key in CHECKED_BY_SERVICE and not (isinstance(value, str) and "\x00" in value):
        if isinstance(t, GraphQLList):  # its length is the service's; its items are still ours
            for n, item in enumerate(value):
                yield from check(t.of_type, item, f"{key}[]", (*path, str(n)))
        return
    if isinstance(t, GraphQLList):
        limit = LIMITS.get(key, DEFAULT_LIST)
        if len(value) > limit:
            yield Excess(path, "TOO_MANY", f"{path[-1]} has {len(value)} items; at most {limit}",
                         {"count": len(value), "limit": limit})
            return
        for n, item in enumerate(value):
            yield from check(t.of_type, item, key, (*path, str(n)))
    elif isinstance(t, GraphQLInputObjectType):
        for name, field in t.fields.items():
            found = value.get(field.out_name or name, value.get(name)) if isinstance(value, dict) else None
            yield from check(field.type, found, f"{t.name}.{name}", (*path, name))
    elif isinstance(t, GraphQLScalarType) and t.name in MEASURED:
        if isinstance(value, str) and "\x00" in value:
            yield Excess(path, "INVALID_TEXT", f"{path[-1]} contains a NUL character")
            return
        limit = LIMITS.get(key, DEFAULT_STRING)
        size = _size(t.name, value)
        if size > limit:
            what = "as JSON " if t.name == "JSON" else ""
            yield Excess(path, "TOO_LONG", f"{path[-1]} is {size} characters {what}long; at most {limit}",
                         {"length": size, "limit": limit})


def excesses(root: str, field_name: str, field: GraphQLField, raw_args: dict[str, Any]) -> list[Excess]:
    found: list[Excess] = []
    for name, arg in field.args.items():
        if name in raw_args:
            found += check(arg.type, raw_args[name], f"{root}.{field_name}.{name}", (name,))
    return found


class InputLimits(FieldExtension):
    """Refuses a root field's arguments that break LIMITS before its resolver runs."""

    def _excesses(self, info: Any) -> list[Excess]:
        raw = info._raw_info
        field = raw.parent_type.fields[raw.field_name]
        variables = raw.variable_values  # strawberry's executor hands over the plain coerced dict
        if isinstance(variables, dict):
            variables = VariableValues(sources={}, coerced=variables)
        args = get_argument_values(field, raw.field_nodes[0], variables)
        return excesses(raw.parent_type.name, raw.field_name, field, args)

    def _refuse(self, info: Any, found: list[Excess]) -> Any:
        if info._raw_info.parent_type.name == "Mutation":
            return _payload(info, found)
        first = found[0]
        raise BadArgument(first.path[0], "; ".join(f"{'.'.join(e.path)}: {e.message}" for e in found), first.code,
                          {**(first.params or {}), "field": first.path[-1]})

    def resolve(self, next_: Any, source: Any, info: Any, **kwargs: Any) -> Any:
        found = self._excesses(info)
        return self._refuse(info, found) if found else next_(source, info, **kwargs)

    async def resolve_async(self, next_: Any, source: Any, info: Any, **kwargs: Any) -> Any:
        found = self._excesses(info)
        if found:
            return self._refuse(info, found)
        return await next_(source, info, **kwargs)


def _payload(info: Any, found: list[Excess]) -> Any:
    """The mutation's payload with only its errors, as handle_errors answers an InputError."""
    return empty_payload(info._field.type, [UserError.of(e) for e in found])


def attach(root: Any) -> None:
    """Give every field of a root strawberry type the InputLimits extension (once)."""
    for f in root.__strawberry_definition__.fields:
        if not any(isinstance(e, InputLimits) for e in f.extensions):
            f.extensions.append(InputLimits())


def document(schema: GraphQLSchema) -> None:
    """Append "At most N characters/items." to the description of every limited input field and argument (of root
    and nested fields)."""
    for root in (schema.query_type, schema.mutation_type, *nested_types(schema)):
        for name, field in root.fields.items():
            for arg_name, arg in field.args.items():
                arg.description = _described(arg.description, arg.type, LIMITS.get(f"{root.name}.{name}.{arg_name}"))
    for t in schema.type_map.values():
        if isinstance(t, GraphQLInputObjectType) and not t.name.startswith("__"):
            for name, field in t.fields.items():
                field.description = _described(field.description, field.type, LIMITS.get(f"{t.name}.{name}"))


def _described(description: str | None, t: Any, limit: int | None) -> str | None:
    t = _unwrap(t)
    if isinstance(t, GraphQLList):
        limit, unit = limit or DEFAULT_LIST, "items"
    elif isinstance(t, GraphQLScalarType) and t.name in MEASURED:
        limit, unit = limit or DEFAULT_STRING, "characters" + (" as JSON" if t.name == "JSON" else "")
    else:
        return description
    note = f"At most {limit} {unit}."
    if description and note in description:
        return description
    return f"{description.rstrip()} {note}" if description else note




# -- arguments of nested fields -------------------------------------------------------------------------------------

def nested_types(schema: GraphQLSchema) -> list[Any]:
    """The object and interface types whose fields are nested fields (every one but the roots and introspection)."""
    roots = (schema.query_type, schema.mutation_type, schema.subscription_type)
    return [t for t in schema.type_map.values() if isinstance(t, (GraphQLObjectType, GraphQLInterfaceType))
            and t not in roots and not t.name.startswith("__")]


class _NestedWalk:
    """The excesses of the nested fields' arguments of one operation: each fragment walked once."""

    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode], variables: dict):
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.walked: set[str] = set()
        self.found: list[Excess] = []

    def _value(self, node: Any, t: Any) -> Any:
        if isinstance(node, VariableNode):
            return self.variables.get(node.name.value)
        try:
            return value_from_ast(node, t, self.variables)
        except Exception:  # validation has refused what does not coerce
            return None

    def selection_set(self, node: SelectionSetNode | None, parent: Any, nested: bool) -> None:
        if node is None:
            return
        for selection in node.selections:
            if self.found:
                return
            if isinstance(selection, FieldNode):
                fields = getattr(parent, "fields", None) or {}
                field = fields.get(selection.name.value)
                if field is None:
                    continue
                if nested:
                    for argument in selection.arguments or ():
                        arg = field.args.get(argument.name.value)
                        if arg is not None:
                            key = f"{parent.name}.{selection.name.value}.{argument.name.value}"
                            self.found += check(arg.type, self._value(argument.value, arg.type), key,
                                                (argument.name.value,))
                self.selection_set(selection.selection_set, get_named_type(field.type), True)
            elif isinstance(selection, InlineFragmentNode):
                inner = parent
                if selection.type_condition is not None:
                    inner = self.schema.get_type(selection.type_condition.name.value) or parent
                self.selection_set(selection.selection_set, inner, nested)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                definition = self.fragments.get(name)
                if definition is None or name in self.walked:
                    continue
                self.walked.add(name)
                inner = self.schema.get_type(definition.type_condition.name.value)
                roots = (self.schema.query_type, self.schema.mutation_type, self.schema.subscription_type)
                self.selection_set(definition.selection_set, inner, inner not in roots)


def nested_excesses(schema: GraphQLSchema, document: Any, operation_name: str | None,
                    variables: dict | None) -> list[Excess]:
    chosen = chosen_operation(document, operation_name)
    if chosen is None:
        return []  # graphql-core refuses the request itself
    operation, fragments = chosen
    values = variable_values(operation, variables)
    walk = _NestedWalk(schema, fragments, values)
    # root fields (also in a fragment on a root type) are the InputLimits extension's
    walk.selection_set(operation.selection_set, schema.get_root_type(operation.operation), False)
    return walk.found


class NestedInputLimits(SchemaExtension):
    """Refuses an operation whose nested fields' arguments break LIMITS, before any resolver runs (TOO_LONG /
    TOO_MANY / INVALID_TEXT, with the argument's name), so that nothing of it is executed or echoed back."""

    def on_execute(self) -> Iterator[None]:
        ec = self.execution_context
        if ec.graphql_document is not None and not ec.result:
            try:
                found = nested_excesses(ec.schema._schema, ec.graphql_document, ec.operation_name, ec.variables)
            except RecursionError:  # pragma: no cover - the depth guard refuses such documents first
                found = [Excess(("query",), "TOO_DEEP", "the document nests too deep")]
            if found:
                first = found[0]
                ec.result = ExecutionResult(data=None, errors=[GraphQLError(
                    "; ".join(f"{'.'.join(e.path)}: {e.message}" for e in found),
                    extensions={"code": first.code, "argument": first.path[0]})])
        yield
