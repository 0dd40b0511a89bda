"""The date scalars with the specifications they follow (`@specifiedBy`, issue 21 §3): Date is an ISO 8601 calendar
date (YYYY-MM-DD; a day in WIB where the platform means one), DateTime an RFC 3339 date-time with its offset. The
parsing and serializing are strawberry's own; only the description and the specification's address are added."""

from __future__ import annotations

import dataclasses
import datetime as dt

from strawberry.schema.types.base_scalars import DateDefinition, DateTimeDefinition

DATE_SPEC = "https://scalars.graphql.org/andimarek/local-date.html"
DATETIME_SPEC = "https://scalars.graphql.org/andimarek/date-time.html"

SCALARS = {
    dt.date: dataclasses.replace(
        DateDefinition, specified_by_url=DATE_SPEC,
        description="A calendar date, ISO 8601 `YYYY-MM-DD` (e.g. 2025-03-31), without a time or an offset; the "
                    "platform's days are days in WIB (UTC+7)."),
    dt.datetime: dataclasses.replace(
        DateTimeDefinition, specified_by_url=DATETIME_SPEC,
        description="An instant, RFC 3339 (ISO 8601) with its offset, e.g. 2025-03-31T08:15:00+00:00; stored and "
                    "answered in UTC."),
}
