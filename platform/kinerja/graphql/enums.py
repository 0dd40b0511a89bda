"""GraphQL enums (official category names kept as values, docs/DOMAIN.md), every enum more than one domain module
uses: a domain module imports them from here, never from another domain module."""

import enum

import strawberry

from kinerja.plugins import values
from kinerja.services.core import access
from kinerja.services.evaluation import curve


Role = strawberry.enum(access.Role, name="Role")  # the services' one list of roles


@strawberry.enum
class EmploymentType(enum.Enum):
    PNS = "PNS"
    PPPK = "PPPK"


@strawberry.enum
class Periodicity(enum.Enum):
    QUARTERLY = "QUARTERLY"
    MONTHLY = "MONTHLY"


@strawberry.enum
class CycleStatus(enum.Enum):
    PLANNING = "PLANNING"
    ACTIVE = "ACTIVE"
    EVALUATION = "EVALUATION"
    CLOSED = "CLOSED"


# the same enums plugins and the distribution curve use, exposed to GraphQL (one definition of the official
# categories): results and behaviour ratings (measurements, assessments, ratings), the predikat kinerja pegawai,
# and the predikat kinerja organisasi (an agency's, set by ADMIN; reports show it)
Expectation = strawberry.enum(values.Expectation)
Predikat = strawberry.enum(values.Predikat)
OrgPredikat = strawberry.enum(curve.OrgPredikat)


# the SKP document (services/skp/document.py)
@strawberry.enum(description="The status of an SKP revision: DRAFT -> SUBMITTED -> APPROVED, or RETURNED (with a "
                             "note) and back to DRAFT by a save.")
class SkpStatus(enum.Enum):
    DRAFT = "DRAFT"
    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"
    RETURNED = "RETURNED"


@strawberry.enum(description="An RHK (rencana hasil kerja) is a main or an additional work result.")
class RhkKind(enum.Enum):
    MAIN = "MAIN"
    ADDITIONAL = "ADDITIONAL"


@strawberry.enum(description="The aspect an RHK indicator measures.")
class IndicatorAspect(enum.Enum):
    QUANTITY = "QUANTITY"
    QUALITY = "QUALITY"
    TIME = "TIME"
    COST = "COST"


@strawberry.enum(description="What monitoringPeople lists people for lacking.")
class MonitoringGap(enum.Enum):
    SKP_NOT_APPROVED = "SKP_NOT_APPROVED"
    NO_LOG_7_DAYS = "NO_LOG_7_DAYS"
    NO_LOG_30_DAYS = "NO_LOG_30_DAYS"
    NO_FEEDBACK = "NO_FEEDBACK"
