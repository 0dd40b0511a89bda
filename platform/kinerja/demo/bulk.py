"""The demo's bulk writes (its evaluation and its survey answers go straight to the tables, with their audit events
and rollup deltas): who writes them, the seed of their draws, and datetimes bound as tortoise binds them."""

from __future__ import annotations


from kinerja.services.core import sql

ACTOR = "demo"
SEED = 20241231  # the evaluation draws from SEED + year, the survey from SEED

db_time = sql.db_datetime  # a datetime as tortoise binds it, so raw rows read back like ORM rows
