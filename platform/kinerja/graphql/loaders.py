"""Per-request DataLoaders: one query per relation per request, whatever the page size.

Every loader of the API is an attribute of Loaders, made with the request's context (Context.loaders) and scoped
by its viewer's Access. A loader answers ORM models or plain values; the domain module whose field uses it makes
the GraphQL type of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Sequence

from strawberry.dataloader import DataLoader

from kinerja.services.core.access import Access
from kinerja.services.evaluation import assessments
from kinerja.services.evaluation import credit_points, development_hours
from kinerja.services.evaluation import objections
from kinerja.services.evaluation import org_ratings
from kinerja.services.evaluation import ratings
from kinerja.services.indicators import history as indicator_history
from kinerja.services.indicators import sync as indicators
from kinerja.services.org import agencies
from kinerja.services.org import people
from kinerja.services.skp import measurements
from kinerja.services.skp import targets


def _keyed(fetch: Callable[[Sequence[Any]], Awaitable[dict]], default: Any = None):
    async def load(keys: list[Any]) -> list[Any]:
        found = await fetch(keys)
        return [found.get(k, default() if callable(default) else default) for k in keys]

    return load


@dataclass
class Loaders:
    access: Access
    agency: DataLoader = field(init=False)
    unit: DataLoader = field(init=False)
    units_of_agency: DataLoader = field(init=False)
    headcount: DataLoader = field(init=False)
    org_predikat: DataLoader = field(init=False)
    unit_org_predikat: DataLoader = field(init=False)
    person: DataLoader = field(init=False)
    assessor: DataLoader = field(init=False)
    subordinates: DataLoader = field(init=False)
    indicator: DataLoader = field(init=False)
    target: DataLoader = field(init=False)
    measurements_of_target: DataLoader = field(init=False)
    rating: DataLoader = field(init=False)
    objection_of_rating: DataLoader = field(init=False)
    version_stamp: DataLoader = field(init=False)
    development_hours: DataLoader = field(init=False)
    credit_points: DataLoader = field(init=False)

    def __post_init__(self) -> None:
        access = self.access
        self.agency = DataLoader(_keyed(agencies.agencies_by_ids))
        self.unit = DataLoader(_keyed(agencies.units_by_ids))
        self.units_of_agency = DataLoader(_keyed(agencies.units_of_agencies, list))
        self.headcount = DataLoader(_keyed(agencies.headcounts, lambda: 0))
        # (agency id, period) -> the OrgPredikat value, or None when none is set
        self.org_predikat = DataLoader(_keyed(org_ratings.org_predikats))
        # (unit id, period) -> the unit's own OrgPredikat value, or None
        self.unit_org_predikat = DataLoader(_keyed(org_ratings.unit_org_predikats))
        # people are scoped: a supervisor or subordinate outside the viewer's scope reads as absent
        self.person = DataLoader(_keyed(lambda ids: people.people_by_ids(access, ids)))
        # the assessor of an assessment the viewer sees, whatever the viewer's scope: Assessment.assessor decides
        # what of them shows
        self.assessor = DataLoader(_keyed(assessments.people_by_ids_unscoped))
        self.subordinates = DataLoader(_keyed(lambda ids: people.subordinates_of(access, ids), list))
        self.indicator = DataLoader(_keyed(indicators.indicators_by_ids))
        self.target = DataLoader(_keyed(targets.targets_by_ids))
        self.measurements_of_target = DataLoader(_keyed(measurements.measurements_of_targets, list))
        # (person id, period) -> the finalized rating with person, agency and unit loaded, or None
        self.rating = DataLoader(_keyed(ratings.ratings_by_keys))
        # (person id, period) -> the objection to that rating, where this viewer may see it
        self.objection_of_rating = DataLoader(_keyed(lambda keys: objections.objections_of_ratings(access, keys)))
        # an indicator version's hash -> its number and date (history.Stamp)
        self.version_stamp = DataLoader(_keyed(indicator_history.version_stamps))
        # (person id, year, the minimum) -> development_hours.Hours
        self.development_hours = DataLoader(_keyed(development_hours.hours_of))
        # (person id, year, the percentages) -> credit_points.CreditPoints, or None (no post with a coefficient)
        self.credit_points = DataLoader(_keyed(credit_points.of_people))
