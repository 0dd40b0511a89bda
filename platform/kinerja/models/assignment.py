"""Posts (jabatan), a person's past assignments, and acting assignments (Plt/Plh): docs/DOMAIN.md, "Posts,
assignments and acting officials".

A person's assignment in force today is the person row itself (agency, unit, post, position, supervisor, since
`Person.assigned_since`); an `Assignment` row is one that has ended, written when the person moved. So a bulk import
of people writes no second row per person, and "in force today" is one read of the person.
"""

from tortoise import fields
from tortoise.models import Model


class Post(Model):
    """A post: a unit's head post (jabatan struktural, `head_of` that unit) or any other named post."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField("models.Agency", related_name="posts", on_delete=fields.RESTRICT)
    unit = fields.ForeignKeyField("models.Unit", related_name="posts", null=True, on_delete=fields.RESTRICT)
    name = fields.CharField(max_length=200)
    kind = fields.CharField(max_length=16)  # STRUKTURAL | FUNGSIONAL | PELAKSANA
    head_of = fields.OneToOneField("models.Unit", related_name="head_post", null=True, on_delete=fields.RESTRICT)
    # a FUNGSIONAL post's annual credit-point coefficient (koefisien angka kredit, PermenPANRB 1/2023), None: none
    # (services/evaluation/credit_points.py; migration 0022)
    credit_coefficient = fields.DecimalField(max_digits=6, decimal_places=2, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "post"
        indexes = (("agency_id", "name"),)


class Assignment(Model):
    """A past assignment: where the person was, in which post, under whom, from `starts_on` (None: since before
    the records) to `ends_on` inclusive."""

    id = fields.IntField(primary_key=True)
    person = fields.ForeignKeyField("models.Person", related_name="past_assignments", on_delete=fields.RESTRICT)
    agency = fields.ForeignKeyField("models.Agency", related_name="past_assignments", on_delete=fields.RESTRICT)
    unit = fields.ForeignKeyField("models.Unit", related_name="past_assignments", null=True,
                                  on_delete=fields.RESTRICT)
    post = fields.ForeignKeyField("models.Post", related_name="past_holders", null=True, on_delete=fields.RESTRICT)
    position = fields.CharField(max_length=200)
    supervisor = fields.ForeignKeyField("models.Person", related_name="past_subordinates", null=True,
                                        on_delete=fields.RESTRICT)
    reports_to_post = fields.ForeignKeyField("models.Post", related_name="past_reporting", null=True,
                                             on_delete=fields.RESTRICT)
    starts_on = fields.DateField(null=True)
    ends_on = fields.DateField()
    reason = fields.TextField(null=True)  # why it ended: the transfer's reason
    # the SKP of this post: the revision in force when it ended (services/skp/post_change.py), if any
    skp_revision = fields.ForeignKeyField("models.SkpRevision", related_name="posts_ended", null=True,
                                          on_delete=fields.RESTRICT)
    recorded_by = fields.CharField(max_length=200)
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "assignment"
        indexes = (("person_id", "ends_on"), ("post_id", "ends_on"), ("supervisor_id", "ends_on"))


class ActingAssignment(Model):
    """A Plt (vacant post) or Plh (the holder absent) holding a head post's assessing authority from `starts_on`
    to `ends_on` inclusive, by decree."""

    id = fields.IntField(primary_key=True)
    post = fields.ForeignKeyField("models.Post", related_name="acting", on_delete=fields.RESTRICT)
    person = fields.ForeignKeyField("models.Person", related_name="acting_assignments", on_delete=fields.RESTRICT)
    agency = fields.ForeignKeyField("models.Agency", related_name="acting_assignments", on_delete=fields.RESTRICT)
    kind = fields.CharField(max_length=4)  # PLT | PLH
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    decree = fields.CharField(max_length=200)
    recorded_by = fields.CharField(max_length=200)
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "acting_assignment"
        indexes = (("post_id", "starts_on"), ("person_id", "ends_on"))
