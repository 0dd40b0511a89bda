"""GraphQL enums of API.graphql (official category names kept as values)."""

import enum

import strawberry


@strawberry.enum
class Role(enum.Enum):
    ADMIN = "ADMIN"
    AGENCY_ADMIN = "AGENCY_ADMIN"
    EMPLOYEE = "EMPLOYEE"


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
