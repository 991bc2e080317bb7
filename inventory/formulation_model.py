"""The IPT formulation: built from the inventory and the timeline, so it lives beside them.

It moved here from ``cases`` (migrations cases 0004 / inventory 0003 move the model's state;
the table keeps its name, ``cases_formulation``, so every row and reference stays as it was).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from cases.focal_areas import FocalArea
from cases.models.access import CourseScopedQuerySet


class FormulationQuerySet(CourseScopedQuerySet):
    def shared(self) -> "FormulationQuerySet":
        return self.filter(shared_on__isnull=False)


class Formulation(models.Model):
    """One version of a course's IPT formulation.

    The highest ``number`` is the current version. A version shared with the client is frozen:
    revising it writes the next number, so what the client heard stays readable. ``version`` is
    the optimistic-locking counter of a draft, as on every other editable record.
    """

    course = models.ForeignKey(
        "cases.Course", on_delete=models.PROTECT, related_name="formulations"
    )
    number = models.PositiveSmallIntegerField("version")
    primary_area = models.CharField("primary focal area", max_length=30, choices=FocalArea)
    secondary_area = models.CharField(
        "secondary focal area", max_length=30, choices=FocalArea, blank=True
    )
    onset_event = models.ForeignKey(
        "inventory.TimelineEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="event or pattern linked to the onset",
    )
    worksheet = models.JSONField(
        default=dict, blank=True, help_text="Worksheet answers keyed by focal area, then field."
    )
    plain_words = models.TextField("the formulation in plain words", blank=True)
    goal_1 = models.CharField("goal 1", max_length=300, blank=True)
    goal_2 = models.CharField("goal 2", max_length=300, blank=True)
    goal_3 = models.CharField("goal 3 (optional)", max_length=300, blank=True)
    shared_on = models.DateField("shared with the client on", null=True, blank=True)
    client_agreed = models.BooleanField("the client agreed", default=False)
    client_words = models.TextField("the client's own words", blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = FormulationQuerySet.as_manager()

    class Meta:
        db_table = "cases_formulation"
        ordering = ["course", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="one_formulation_number"),
            models.CheckConstraint(
                condition=~Q(secondary_area=F("primary_area")),
                name="formulation_secondary_differs",
                violation_error_message="The secondary area must differ from the primary.",
            ),
        ]

    def __str__(self) -> str:
        return f"Formulation v{self.number} for {self.course}"

    @property
    def is_shared(self) -> bool:
        return self.shared_on is not None

    @property
    def goals(self) -> list[str]:
        return [g for g in (self.goal_1, self.goal_2, self.goal_3) if g.strip()]

    @property
    def primary_worksheet(self) -> dict:
        return self.worksheet.get(self.primary_area, {})


class FormulationConfirmation(models.Model):
    """The therapist's record that a formulation carried into a maintenance course still holds:
    reviewed with the client at the start of maintenance instead of revised (H45). Written
    once by ``formulation_services.confirm_inherited_formulation``, never changed."""

    course = models.ForeignKey(
        "cases.Course", on_delete=models.PROTECT, related_name="formulation_confirmations"
    )
    formulation = models.ForeignKey(
        Formulation, on_delete=models.PROTECT, related_name="confirmations"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)

    objects = CourseScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-confirmed_at", "-id"]

    def __str__(self) -> str:
        return f"Formulation v{self.formulation.number} confirmed for {self.course}"
