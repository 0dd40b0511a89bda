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
