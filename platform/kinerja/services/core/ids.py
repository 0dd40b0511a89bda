"""Ids as clients send them (strings): only ASCII digits within the database's integer range are ids."""

MAX_ID = 2**31 - 1  # integer primary keys (int4 on PostgreSQL)


def parse_id(value: object) -> int | None:
    """The id `value` stands for, or None when no row can have it ("²", "-1", "99999999999", "x")."""
    text = str(value)
    if not (text.isascii() and text.isdigit()) or len(text) > 10:
        return None
    number = int(text)
    return number if number <= MAX_ID else None
