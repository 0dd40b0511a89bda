"""People (ASN): NIP, employment, place in an agency and unit, and the direct supervisor."""

from tortoise import fields
from tortoise.models import Model


class Person(Model):
    id = fields.IntField(primary_key=True)
    nip = fields.CharField(max_length=18, unique=True)
    name = fields.CharField(max_length=200)
    employment_type = fields.CharField(max_length=8)  # PNS | PPPK
    position = fields.CharField(max_length=200)
    agency = fields.ForeignKeyField("models.Agency", related_name="people", on_delete=fields.RESTRICT)
    unit = fields.ForeignKeyField("models.Unit", related_name="people", null=True, on_delete=fields.RESTRICT)
    supervisor = fields.ForeignKeyField(
        "models.Person", related_name="subordinates", null=True, on_delete=fields.RESTRICT
    )
    # the post held today (a unit's head post, docs/DOMAIN.md "Posts, assignments and acting officials") and since
    # when today's assignment holds (None: since before the records); past ones are models.assignment.Assignment
    post = fields.ForeignKeyField("models.Post", related_name="holders", null=True, on_delete=fields.RESTRICT)
    assigned_since = fields.DateField(null=True)
    # while the supervisor's post is vacant: that post (the supervisor is then None, and whoever heads or acts in
    # the post assesses); cleared when someone takes the post
    reports_to_post = fields.ForeignKeyField("models.Post", related_name="reporting", null=True,
                                             on_delete=fields.RESTRICT)
    # a departure (docs/DOMAIN.md, "Leaving the service"): from `left_at` on the person is out of service (retired,
    # dismissed, deceased, moved out, made inactive), for `left_reason` (services/org/departures.REASONS); their
    # records stay. `left_by`: who recorded it, as the audit trail names an actor. All None while in service.
    left_at = fields.DateField(null=True)
    left_reason = fields.CharField(max_length=16, null=True)
    left_note = fields.TextField(null=True)
    left_by = fields.CharField(max_length=200, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "person"
        # keyset pagination orders by (name, id), inside an agency or across all
        indexes = (("name", "id"), ("agency_id", "name", "id"), ("unit_id", "name", "id"), ("supervisor_id", "name", "id"),
                   # an acting official's staff (services/core/access.py subtree_rows): the post's holder, and those
                   # who report to the vacant post
                   ("post_id",), ("reports_to_post_id",))
