"""GraphQL enums (official category names kept as values, docs/DOMAIN.md), every enum more than one domain module
uses: a domain module imports them from here, never from another domain module.

An enum defined here describes its values with strawberry.enum_value. An enum built from one of the services' own
Python enums (Role, Expectation, Predikat, ...) cannot: its members belong to the service, which knows nothing of
GraphQL. Their descriptions live in one table instead, SERVICE_ENUMS ({GraphQL enum name: its description and
{value: description}}): `service_enum` builds such an enum here with them, and `document(schema)` (called where the
schema is built, graphql/schema.py) gives every enum of the built schema that the table names the descriptions it
still lacks, so a service enum exposed by another module (CoreValue, graphql/assessments.py) is described too."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

import strawberry
from graphql import GraphQLEnumType, GraphQLSchema

from kinerja.plugins import values
from kinerja.services.core import access
from kinerja.services.evaluation import curve

E = TypeVar("E", bound=type[enum.Enum])


@dataclass(frozen=True)
class EnumDoc:
    """The GraphQL descriptions of an enum built from a service's Python enum: the enum's own (None: given where the
    enum is built) and each value's, by its GraphQL name."""

    description: str | None
    values: Mapping[str, str]


SERVICE_ENUMS: dict[str, EnumDoc] = {
    "Role": EnumDoc(
        "The role a session or an API token carries, which sets what the caller may see and do.",
        {"ADMIN": "BKPSDM, the city's civil-service agency: sees and does everything, in every agency.",
         "AGENCY_ADMIN": "An agency's administrator: sees and manages its own agency only (its units, posts and "
                         "people).",
         "EMPLOYEE": "A person: themselves and everyone below them in the supervisor tree."}),
    "Expectation": EnumDoc(
        "A results or behaviour rating against expectation (PermenPANRB 6/2022): the rows and columns of the "
        "predikat matrix.",
        {"DI_ATAS_EKSPEKTASI": "Above expectation (Di Atas Ekspektasi).",
         "SESUAI_EKSPEKTASI": "Meets expectation (Sesuai Ekspektasi).",
         "DI_BAWAH_EKSPEKTASI": "Below expectation (Di Bawah Ekspektasi)."}),
    "Predikat": EnumDoc(
        "The predikat kinerja pegawai of a finalized rating, best first: what the results and behaviour ratings give "
        "in the 3x3 matrix (docs/DOMAIN.md, \"Predikat matrix\"), unless a kinerja_predikat plugin decides "
        "otherwise.",
        {"SANGAT_BAIK": "Sangat Baik (very good): results and behaviour both above expectation.",
         "BAIK": "Baik (good): results and behaviour each above or meeting expectation, not both above.",
         "BUTUH_PERBAIKAN": "Butuh Perbaikan (needs improvement): results below expectation, behaviour meeting or "
                            "above it.",
         "KURANG_MISCONDUCT": "Kurang/Misconduct: behaviour below expectation, results meeting or above it.",
         "SANGAT_KURANG": "Sangat Kurang (very poor): results and behaviour both below expectation."}),
    "OrgPredikat": EnumDoc(
        "The predikat kinerja organisasi of an agency or a unit for a period (SE MenPANRB 3/2023), best first: set "
        "by the level above, it bounds how its employees' predikat may be spread (the distribution curve, a "
        "guideline) and, for a unit, suggests its head's results rating. The spreads in the values' descriptions "
        "are the default curve's (KINERJA_CURVE_FILE may set others).",
        {"ISTIMEWA": "Istimewa (outstanding): more than half, and at most 70 %, of the people SANGAT_BAIK.",
         "BAIK": "Baik (good): more than half, and at most 70 %, BAIK; at least one person BUTUH_PERBAIKAN or "
                 "KURANG_MISCONDUCT.",
         "BUTUH_PERBAIKAN": "Butuh Perbaikan (needs improvement): at most 10 % SANGAT_BAIK; at least 60 % "
                            "BUTUH_PERBAIKAN.",
         "KURANG": "Kurang (poor): at most 10 % SANGAT_BAIK; at least 10 % BUTUH_PERBAIKAN; at least 60 % "
                   "KURANG_MISCONDUCT.",
         "SANGAT_KURANG": "Sangat Kurang (very poor): no SANGAT_BAIK; at least 10 % BUTUH_PERBAIKAN and "
                          "KURANG_MISCONDUCT together; at least 60 % SANGAT_KURANG."}),
    # described where it is built (graphql/assessments.py); the values as the SKP annex describes them
    # (services/documents/parts.py BEHAVIOUR_TEXT)
    "CoreValue": EnumDoc(None, {
        "BERORIENTASI_PELAYANAN": "Berorientasi Pelayanan (service-oriented): understands and meets the public's "
                                  "needs; friendly, quick, solution-minded and reliable; keeps improving.",
        "AKUNTABEL": "Akuntabel (accountable): works honestly, responsibly, carefully, with discipline and "
                     "integrity; uses the state's property well; never misuses the office's authority.",
        "KOMPETEN": "Kompeten (competent): keeps improving their competence, helps others learn, does the work at "
                    "its best.",
        "HARMONIS": "Harmonis (harmonious): respects everyone whatever their background, helps others, builds a "
                    "good place to work.",
        "LOYAL": "Loyal: holds to Pancasila, the 1945 Constitution, the Republic and its lawful government; "
                 "guards the good name of colleagues, leaders, the agency and the state, and official secrets.",
        "ADAPTIF": "Adaptif (adaptive): adapts quickly to change, keeps innovating and being creative, acts "
                   "proactively.",
        "KOLABORATIF": "Kolaboratif (collaborative): gives others the chance to contribute, works openly together "
                       "for added value, brings resources together for common goals."}),
}


def service_enum(cls: E, name: str | None = None) -> E:
    """strawberry.enum over a service's Python enum, described from SERVICE_ENUMS: the enum with its description,
    each value with its own (strawberry keeps a value's description on the enum's definition, EnumValue)."""
    name = name or cls.__name__
    doc = SERVICE_ENUMS[name]
    wrapped = strawberry.enum(cls, name=name, description=doc.description)
    for value in wrapped.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = doc.values.get(value.name, value.description)
    return wrapped


def document(schema: GraphQLSchema) -> None:
    """Give each enum of the built schema that SERVICE_ENUMS names the descriptions it lacks (those its module gave
    stay). A name or a value the table has and the schema has not is an error: the table stays true."""
    for name, doc in SERVICE_ENUMS.items():
        found = schema.type_map.get(name)
        if not isinstance(found, GraphQLEnumType):
            raise KeyError(f"SERVICE_ENUMS describes {name}, which is no enum of the schema")
        unknown = sorted(set(doc.values) - set(found.values))
        if unknown:
            raise KeyError(f"SERVICE_ENUMS describes {name} values the enum lacks: {', '.join(unknown)}")
        if not found.description and doc.description:
            found.description = doc.description
        for value_name, value in found.values.items():
            if not value.description and value_name in doc.values:
                value.description = doc.values[value_name]


Role = service_enum(access.Role, name="Role")  # the services' one list of roles


@strawberry.enum(description="How a person is employed, which decides how their NIP is checked (docs/DOMAIN.md, "
                             "\"NIP\").")
class EmploymentType(enum.Enum):
    PNS = strawberry.enum_value("PNS", description="Pegawai negeri sipil, a civil servant: NIP digits 9-14 are the "
                                                   "CPNS appointment's year and month.")
    PPPK = strawberry.enum_value("PPPK", description="Pegawai pemerintah dengan perjanjian kerja, a government "
                                                     "employee on a work contract: NIP digits 9-12 are the "
                                                     "appointment year.")


@strawberry.enum(description="Why a person left the service (services/org/departures.py): PENSIUN (retired), "
                             "BERHENTI (dismissed or resigned), MENINGGAL (deceased), PINDAH_INSTANSI (moved to a "
                             "government outside the platform), NONAKTIF (out of service for a while).")
class DepartureReason(enum.Enum):
    PENSIUN = strawberry.enum_value("PENSIUN", description="Retired (pensiun).")
    BERHENTI = strawberry.enum_value("BERHENTI", description="Dismissed or resigned (berhenti).")
    MENINGGAL = strawberry.enum_value("MENINGGAL", description="Deceased (meninggal dunia).")
    PINDAH_INSTANSI = strawberry.enum_value(
        "PINDAH_INSTANSI", description="Moved to a government outside the platform (pindah instansi).")
    NONAKTIF = strawberry.enum_value(
        "NONAKTIF", description="Out of service for a while (nonaktif): unpaid leave, a suspension.")


@strawberry.enum(description="How a cycle's year is divided for its periodic evaluations (one periodicity per cycle, "
                             "for every agency). Assessments and ratings take the last quarter (or December) together "
                             "with the year, under the annual period.")
class Periodicity(enum.Enum):
    QUARTERLY = strawberry.enum_value("QUARTERLY", description="Quarters: the periods YYYY-Q1 to YYYY-Q4, then the "
                                                               "year YYYY.")
    MONTHLY = strawberry.enum_value("MONTHLY", description="Months: the periods YYYY-01 to YYYY-12, then the year "
                                                           "YYYY.")


@strawberry.enum(description="Where a cycle (an evaluation year) stands: PLANNING -> ACTIVE -> EVALUATION -> CLOSED, "
                             "set by ADMIN one step forward at a time (back any number of steps, with a reason). "
                             "Each status lets some writes through (docs/DOMAIN.md, \"Cycles and periods\").")
class CycleStatus(enum.Enum):
    PLANNING = strawberry.enum_value("PLANNING", description="Planning: targets and SKPs are written; nothing is "
                                                             "measured yet.")
    ACTIVE = strawberry.enum_value("ACTIVE", description="Running: targets and SKPs are still written; measurements "
                                                         "and public survey answers are recorded.")
    EVALUATION = strawberry.enum_value(
        "EVALUATION", description="Evaluation: measurements and survey answers go on; self and supervisor "
                                  "assessments are written and ratings finalized. Targets and SKPs are fixed.")
    CLOSED = strawberry.enum_value("CLOSED", description="Closed: every write to the cycle is refused.")


# the same enums plugins and the distribution curve use, exposed to GraphQL (one definition of the official
# categories): results and behaviour ratings (measurements, assessments, ratings), the predikat kinerja pegawai,
# and the predikat kinerja organisasi (an agency's, set by ADMIN; reports show it)
Expectation = service_enum(values.Expectation)
Predikat = service_enum(values.Predikat)
OrgPredikat = service_enum(curve.OrgPredikat)


# the SKP document (services/skp/document.py)
@strawberry.enum(description="The status of an SKP revision: DRAFT -> SUBMITTED -> APPROVED, or RETURNED (with a "
                             "note) and back to DRAFT by a save.")
class SkpStatus(enum.Enum):
    DRAFT = strawberry.enum_value("DRAFT", description="Being drafted: the person, their direct supervisor or ADMIN "
                                                       "edits and submits it.")
    SUBMITTED = strawberry.enum_value(
        "SUBMITTED", description="Awaiting the decision of the direct supervisor (ADMIN for a person without one): "
                                 "approve or return.")
    APPROVED = strawberry.enum_value(
        "APPROVED", description="Approved and locked: in force until a later revision is approved (reviseSkp opens "
                                "the next as a DRAFT copy).")
    RETURNED = strawberry.enum_value("RETURNED", description="Returned with a note; the next save makes it a DRAFT "
                                                             "again.")


@strawberry.enum(description="An RHK (rencana hasil kerja) is a main or an additional work result.")
class RhkKind(enum.Enum):
    MAIN = strawberry.enum_value("MAIN", description="A main work result (RHK utama): an SKP is submitted with at "
                                                     "least one, each with an indicator.")
    ADDITIONAL = strawberry.enum_value("ADDITIONAL", description="An additional work result (RHK tambahan).")


@strawberry.enum(description="The aspect an RHK indicator measures.")
class IndicatorAspect(enum.Enum):
    QUANTITY = strawberry.enum_value("QUANTITY", description="Quantity (kuantitas): how much is delivered.")
    QUALITY = strawberry.enum_value("QUALITY", description="Quality (kualitas): how well it is delivered.")
    TIME = strawberry.enum_value("TIME", description="Time (waktu): how fast, or by when, it is delivered.")
    COST = strawberry.enum_value("COST", description="Cost (biaya): what it costs to deliver.")


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
    DEVELOPMENT_HOURS_BELOW = strawberry.enum_value(
        "DEVELOPMENT_HOURS_BELOW", description="Confirmed development hours of the cycle's year below "
                                               "KINERJA_MIN_DEVELOPMENT_HOURS.")


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
    DEVELOPMENT_HOURS_MET = strawberry.enum_value(
        "DEVELOPMENT_HOURS_MET", description="Confirmed development hours of the cycle's year at least the minimum "
                                             "(`developmentHoursMet`).")
