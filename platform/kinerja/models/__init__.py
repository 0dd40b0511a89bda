"""Tortoise models, one module per domain; this module lists them for the ORM."""

from kinerja.models.agency import Agency, Unit
from kinerja.models.assessment import Assessment, OrgRating, Rating, UnitOrgRating
from kinerja.models.assignment import ActingAssignment, Assignment, Post
from kinerja.models.audit import AuditEvent
from kinerja.models.credential import Credential, LoginThrottle
from kinerja.models.cycle import Cycle
from kinerja.models.development import DevelopmentAction, DevelopmentPlan
from kinerja.models.document import IssuedDocument
from kinerja.models.idempotency import IdempotencyKey
from kinerja.models.indicator import Indicator, IndicatorDraft, IndicatorVersion
from kinerja.models.objection import Objection, ObjectionStatement
from kinerja.models.person import Person
from kinerja.models.rollup import (AchievementRollup, HeadcountRollup, RatingRollup, SurveyProfileRollup,
                                   SurveyRollup)
from kinerja.models.skp import (PerformanceFeedback, Skp, SkpExpectation, SkpIndicator, SkpItem, SkpRevision,
                                WorkLogEntry)
from kinerja.models.state import SharedState
from kinerja.models.survey import ServicePopulation, SurveyResponse
from kinerja.models.target import Measurement, Target
from kinerja.models.token import ApiToken

__all__ = ["AchievementRollup", "ActingAssignment", "Agency", "ApiToken", "Assessment", "Assignment", "AuditEvent", "Credential", "Cycle", "DevelopmentAction", "DevelopmentPlan", "HeadcountRollup",
           "IdempotencyKey", "Indicator", "IssuedDocument", "IndicatorDraft", "IndicatorVersion", "LoginThrottle", "Measurement", "Objection", "ObjectionStatement", "OrgRating", "Person", "Post", "Rating",
           "PerformanceFeedback", "RatingRollup", "ServicePopulation", "SharedState", "Skp", "SkpExpectation", "SkpIndicator",
           "SkpItem", "SkpRevision", "SurveyProfileRollup", "SurveyResponse", "SurveyRollup", "Target", "Unit", "UnitOrgRating", "WorkLogEntry"]
