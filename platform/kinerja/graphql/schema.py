"""The schema: domain Query/Mutation types merged, with the guards every request passes."""

from __future__ import annotations

import functools
from typing import Any

import strawberry
from strawberry.extensions import DisableIntrospection, MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from kinerja.graphql import (agencies, assessments, audit_trail, cycles, indicators, people, ratings, satisfaction,
                             targets, viewer)
from kinerja.graphql.errors import ErrorShaping
from kinerja.settings import Settings

# Each domain module contributes a Query and/or a Mutation class.
DOMAINS = (viewer, agencies, people, cycles, indicators, targets, assessments, ratings, satisfaction, audit_trail)
Query = merge_types("Query", tuple(m.Query for m in DOMAINS if hasattr(m, "Query")))
Mutation = merge_types("Mutation", tuple(m.Mutation for m in DOMAINS if hasattr(m, "Mutation")))


class KinerjaSchema(strawberry.Schema):
    def process_errors(self, errors: Any, execution_context: Any = None) -> None:
        """ErrorShaping has logged what needs logging (internal errors, with the request id)."""


def build_schema(settings: Settings) -> strawberry.Schema:
    extensions: list[Any] = [
        functools.partial(QueryDepthLimiter, max_depth=settings.max_depth),
        functools.partial(MaxAliasesLimiter, max_alias_count=settings.max_aliases),
        functools.partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        functools.partial(ErrorShaping, mask=settings.production),
    ]
    if settings.production:
        extensions.append(DisableIntrospection)
    return KinerjaSchema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        config=StrawberryConfig(disable_field_suggestions=settings.production),
    )
