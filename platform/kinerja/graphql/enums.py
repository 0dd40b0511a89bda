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


@strawberry.enum(description="Why a person left the service (services/org/departures.py): PENSIUN (retired), "
                             "BERHENTI (dismissed or resigned), MENINGGAL (deceased), PINDAH_INSTANSI (moved to a "
                             "government outside the platform), NONAKTIF (out of service for a while).")
class DepartureReason(enum.Enum):
    PENSIUN = "PENSIUN"
    BERHENTI = "BERHENTI"
    MENINGGAL = "MENINGGAL"
    PINDAH_INSTANSI = "PINDAH_INSTANSI"
    NONAKTIF = "NONAKTIF"


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


@strawberry.enum(description="What monitoringPeople lists people for lacking (`missing`); OBJECTION_OPEN lists those "
                              "with an objection awaiting its decision.")
class MonitoringGap(enum.Enum):
    SKP_NOT_APPROVED = strawberry.enum_value("SKP_NOT_APPROVED", description="No approved revision of the cycle's SKP.")
    NO_LOG_7_DAYS = strawberry.enum_value("NO_LOG_7_DAYS", description="No work-log entry in the 7 days to today.")
    NO_LOG_30_DAYS = strawberry.enum_value("NO_LOG_30_DAYS", description="No work-log entry in the 30 days to today.")
    NO_FEEDBACK = strawberry.enum_value("NO_FEEDBACK", description="No feedback in the period (or the cycle).")
    NOT_SELF_ASSESSED = strawberry.enum_value(
        "NOT_SELF_ASSESSED", description="No self-assessment (SELF) in the evaluation period.")
    NOT_ASSESSED = strawberry.enum_value(
        "NOT_ASSESSED", description="Not assessed by the assessing official (SUPERVISOR) in the evaluation period.")
    NOT_FINALIZED = strawberry.enum_value(
        "NOT_FINALIZED", description="No finalized rating of the evaluation period.")
    OBJECTION_OPEN = strawberry.enum_value(
        "OBJECTION_OPEN", description="An objection (keberatan) to the rating of the evaluation period still awaits "
                                      "the superior's decision: the people who have one.")


@strawberry.enum(description="What monitoringPeople lists people for having (`has`): the people behind each count of "
                              "skpMonitoring, named after its field.")
class MonitoringFact(enum.Enum):
    PEOPLE = strawberry.enum_value("PEOPLE", description="Everyone counted (`people`).")
    APPROVED_SKP = strawberry.enum_value("APPROVED_SKP", description="An approved SKP of the cycle (`approvedSkp`).")
    LOGGED_LAST_7_DAYS = strawberry.enum_value(
        "LOGGED_LAST_7_DAYS", description="A work-log entry in the 7 days to today (`loggedLast7Days`).")
    LOGGED_LAST_30_DAYS = strawberry.enum_value(
        "LOGGED_LAST_30_DAYS", description="A work-log entry in the 30 days to today (`loggedLast30Days`).")
    HAD_FEEDBACK = strawberry.enum_value(
        "HAD_FEEDBACK", description="Feedback in the period, or the cycle (`hadFeedback`).")
    SELF_ASSESSED = strawberry.enum_value(
        "SELF_ASSESSED", description="A self-assessment in the evaluation period (`selfAssessed`).")
    SUPERVISOR_ASSESSED = strawberry.enum_value(
        "SUPERVISOR_ASSESSED", description="The assessing official's assessment in the evaluation period "
                                           "(`supervisorAssessed`).")
    FINALIZED = strawberry.enum_value(
        "FINALIZED", description="A finalized rating of the evaluation period (`finalized`).")
    OBJECTION_OPEN = strawberry.enum_value(
        "OBJECTION_OPEN", description="An objection to that rating awaiting its decision (`objectionsOpen`).")
