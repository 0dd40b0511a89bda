"""The schema: domain Query/Mutation types merged, with the guards every request passes."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import strawberry
from strawberry.extensions import MaxTokensLimiter, ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from graphql import GraphQLObjectType, GraphQLSchema

from kinerja.graphql import (agencies, assessments, audit_trail, cycles, indicators, measurements, org_ratings, people,
                             ratings, reports, satisfaction, sessions, targets, viewer, work_log)
from kinerja.graphql import assignments, indicator_check, indicator_drafts, indicator_history, objections, skp
from kinerja.graphql import tasks
from kinerja.graphql import departures, development
from kinerja.graphql import impact
from kinerja.graphql import cost, enums, execution, introspection, limits, pacing, scalars
from kinerja.graphql.errors import ErrorShaping, request_code
from kinerja.graphql.guards import DocumentLimits, HideSuggestions
from kinerja.settings import Settings

# Each domain module contributes a Query and/or a Mutation class.
DOMAINS = (viewer, sessions, agencies, people, cycles, indicators, targets, measurements, assessments, ratings,
           org_ratings, satisfaction, audit_trail, reports, work_log, skp, objections,
           assignments, indicator_check, indicator_drafts, indicator_history, tasks, departures, development,
           impact)


def merged(name: str, description: str, types: tuple[type, ...]) -> type:
    """strawberry.tools.merge_types (which warns of a field two domains both define) with a description: it takes
    none, so the description is set on the merged type's strawberry definition before any schema is built."""
    merged_type = merge_types(name, types)
    merged_type.__strawberry_definition__.description = description  # type: ignore[attr-defined]
    return merged_type


Query = merged("Query", (
    "What can be read. A field not marked Public needs a token (`Authorization: Bearer <token>`, from login) and "
    "answers within its viewer's scope: ADMIN every agency, an AGENCY_ADMIN its agency, an EMPLOYEE themselves and "
    "the people below them in the supervisor tree; what is out of scope reads as absent."),
    tuple(m.Query for m in DOMAINS if hasattr(m, "Query")))
Mutation = merged("Mutation", (
    "What can be written. A field not marked Public needs a token (`Authorization: Bearer <token>`). Each but "
    "logout answers a payload: what it wrote on success, else its `errors` (path, code, message) with nothing "
    "written. A refusal has code FORBIDDEN: in `errors`, or for some fields as a GraphQL error."),
    tuple(m.Mutation for m in DOMAINS if hasattr(m, "Mutation")))
limits.attach(Query)  # every root field measures its arguments against limits.LIMITS before it resolves
limits.attach(Mutation)


DOCUMENT_CACHE = 256  # distinct documents kept parsed and validated


class KinerjaSchema(strawberry.Schema):
    def process_errors(self, errors: Any, execution_context: Any = None) -> None:
        """ErrorShaping has logged what needs logging (internal errors, with the request id). A document that did not
        parse never reaches ErrorShaping (the parse fails before its operation hook resumes): its errors get their
        code here (GRAPHQL_PARSE_FAILED, TOO_MANY_TOKENS)."""
        if execution_context is None or execution_context.graphql_document is not None:
            return
        for err in errors or ():
            if err.original_error is None and not (err.extensions or {}).get("code") and not err.path:
                code = request_code("parse", err.message, True)
                err.extensions = {**(err.extensions or {}), "code": code}


@dataclass(frozen=True)
class SchemaOptions:
    """The settings a schema is built from: equal options give the same schema."""

    production: bool
    max_depth: int
    max_aliases: int
    max_tokens: int
    max_query_cost: int
    max_page_size: int

    @classmethod
    def of(cls, settings: Settings) -> "SchemaOptions":
        return cls(production=settings.production, max_depth=settings.max_depth, max_aliases=settings.max_aliases,
                   max_tokens=settings.max_tokens, max_query_cost=settings.max_query_cost,
                   max_page_size=settings.max_page_size)


def build_schema(settings: Settings) -> strawberry.Schema:
    """The schema for these settings. Built once per distinct options in a process (about 80 ms each): it holds no
    per-app state (the extensions are instantiated per operation, their caches and the large-query gate are keyed
    by document and by event loop), so apps with the same options share it."""
    return _build(SchemaOptions.of(settings))


@functools.lru_cache(maxsize=8)
def _build(settings: SchemaOptions) -> strawberry.Schema:
    extensions: list[Any] = [
        # depth and aliases counted through fragments in linear time (strawberry's limiters take exponential time)
        functools.partial(DocumentLimits, max_depth=settings.max_depth, max_aliases=settings.max_aliases),
        functools.partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        # the cost budget: objects the operation could resolve, each list at its bound, before any resolver runs
        functools.partial(cost.CostBudget, max_cost=settings.max_query_cost, max_page_size=settings.max_page_size),
        # a query estimated at a quarter of the budget or more waits for the large one before it
        functools.partial(pacing.LargeQueries, threshold=max(1, settings.max_query_cost // 4)),
        limits.NestedInputLimits,  # the arguments of nested fields, measured once before anything runs
        # UIs send the same few documents: parse and validate each once (LRU, bounded). The token limit is a
        # parse option, so it is part of the parse cache's key; a document over it raises and is not cached.
        functools.partial(ParserCache, maxsize=DOCUMENT_CACHE),
        functools.partial(ValidationCache, maxsize=DOCUMENT_CACHE),
        functools.partial(ErrorShaping, mask=settings.production),
    ]
    if settings.production:
        # __schema refused, every __type(name:) null (graphql/introspection.py, SECURITY.md)
        extensions += [introspection.RefuseSchemaIntrospection, HideSuggestions]
    schema = KinerjaSchema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        config=StrawberryConfig(disable_field_suggestions=settings.production, scalar_map=scalars.SCALARS),
        execution_context_class=execution.KinerjaExecutionContext,
    )
    limits.document(schema._schema)  # each limited input's description states its maximum
    enums.document(schema._schema)  # the values of enums built from the services' enums, described
    if settings.production:
        introspection.hide_types(schema._schema)
    plain_attribute_resolvers(schema._schema)
    cost.guard_lists(schema._schema, settings.max_page_size)  # each list at most its bound, objects counted
    pacing.pace_object_fields(schema._schema)  # a large answer shares the event loop (lists: in guard_lists)
    return schema


def plain_attribute_resolvers(schema: GraphQLSchema) -> int:
    """Resolve every field that is a plain attribute (no resolver, no extension) with one getattr.

    strawberry resolves such a field through three calls: its wrapper, StrawberryField.get_result, and the
    configured default resolver (getattr) of the field's Python name. The answer is the same getattr. A report
    of 620 agencies has 6,200 such fields and the admin list 1,700 a page, so the two calls saved per field
    show (benchmarks/RESULTS.md). Returns the number of fields changed."""
    changed = 0
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for field in type_.fields.values():
            definition = (field.extensions or {}).get("strawberry-definition")
            if (definition is None or getattr(field.resolve, "__name__", "") != "_get_basic_result"
                    or not definition.is_basic_field or definition.default_resolver is not getattr):
                continue
            field.resolve = _attribute(definition.python_name)
            changed += 1
    return changed


def _attribute(name: str):
    def resolve(source: Any, info: Any) -> Any:
        return getattr(source, name)

    resolve.__name__ = f"attribute_{name}"
    setattr(resolve, execution.ATTRIBUTE, name)  # completed without graphql-core's field machinery
    return resolve
