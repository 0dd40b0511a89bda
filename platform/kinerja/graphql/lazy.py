"""A type of another domain module that this one may not import: strawberry.lazy names it in annotations and
`resolve` gives its class where a resolver makes one.

Domain modules import each other one way only: agencies < indicators, people < targets < measurements <
assessments; people < ratings, sessions, viewer, reports; agencies < org_ratings; satisfaction < assessments. A
field that points the other way (Person.targets, Person.rating, Target.measurements) types itself
`Annotated["Name", strawberry.lazy("kinerja.graphql.module")]`, with the class imported under `if TYPE_CHECKING:`
for type checkers only; at run time the schema has imported every domain module before any resolver runs."""

from __future__ import annotations

import functools
import typing
from typing import Any, ForwardRef

from strawberry.types.lazy_type import StrawberryLazyReference


@functools.cache
def resolve(annotation: Any) -> Any:
    """The class that `Annotated["Name", strawberry.lazy("module")]` names."""
    name, *metadata = typing.get_args(annotation)
    reference = next(m for m in metadata if isinstance(m, StrawberryLazyReference))
    forward = name if isinstance(name, ForwardRef) else ForwardRef(name)
    return reference.resolve_forward_ref(forward).resolve_type()
