"""The focal-area sections of a session note: what a session did on each area, and the
people from the inventory that work was about. Both are parts of the note, frozen when it is
signed (sessions/protection.py)."""

from django.db import models

from cases.focal_areas import FocalArea
from sessions.models import Session, SessionRecord


class DisputeStage(models.TextChoices):
    RENEGOTIATION = "renegotiation", "Renegotiation"
    IMPASSE = "impasse", "Impasse"
    DISSOLUTION = "dissolution", "Dissolution"


class FocalAreaWork(SessionRecord):
    """What a session did on one focal area, kept with the area's code.

    Storing the code lets supervision flag work recorded for an area that is neither the
    course's primary nor its secondary focus.
    """

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="focal_work")
    area = models.CharField(max_length=30, choices=FocalArea)
    # Grief.
    mourning = models.TextField("the story of the death and the relationship", blank=True)
    good_memories = models.TextField("good memories of the person", blank=True)
    hard_memories = models.TextField("hard memories: disappointments, anger, guilt", blank=True)
    grief_feelings = models.TextField("feelings shown or spoken in the session", blank=True)
    restoring = models.TextField("new attachments and activities", blank=True)
    # Role dispute.
    dispute_with = models.CharField("dispute with", max_length=200, blank=True)
    dispute_stage = models.CharField(
        "stage of the dispute", max_length=20, choices=DisputeStage, blank=True
    )
    client_expectations = models.TextField("the client's expectations", blank=True)
    other_expectations = models.TextField("the other person's expectations", blank=True)
    dispute_options = models.TextField("options considered", blank=True)
    dispute_decision = models.TextField("what the client decided", blank=True)
    communication_change = models.TextField("a change in communication tried", blank=True)
    # Role transition.
    old_role = models.TextField("the old role: what was lost", blank=True)
    old_role_gains = models.TextField("the old role: what is not missed", blank=True)
    new_role = models.TextField("the new role: demands and advantages", blank=True)
    skills_supports = models.TextField("skills and supports needed", blank=True)
    # Interpersonal deficits (and sensitivity).
    pattern = models.TextField("past relationships: the pattern", blank=True)
    isolation = models.TextField("isolation now", blank=True)
    new_contact = models.TextField("a new contact attempted, and what happened", blank=True)
    therapy_relationship = models.TextField(
        "what happened between client and therapist", blank=True
    )
    practice_step = models.TextField("next social-practice step", blank=True)
    # Who this area's work was about (the deceased, the dispute partner...): from the inventory.
    people = models.ManyToManyField(
        "inventory.Person",
        blank=True,
        through="FocalWorkPerson",
        related_name="focal_work",
        verbose_name="people involved",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(SessionRecord.Meta):
        constraints = [
            models.UniqueConstraint(fields=["session", "area"], name="one_focal_work_per_area")
        ]

    # Each area's written prompts, in the order shown. Choosing people alone is not work on the
    # area (supervision.focal_work reads only these).
    PROMPT_FIELDS: dict[str, tuple[str, ...]] = {
        FocalArea.GRIEF: (
            "mourning",
            "good_memories",
            "hard_memories",
            "grief_feelings",
            "restoring",
        ),
        FocalArea.ROLE_DISPUTE: (
            "dispute_with",
            "dispute_stage",
            "client_expectations",
            "other_expectations",
            "dispute_options",
            "dispute_decision",
            "communication_change",
        ),
        FocalArea.ROLE_TRANSITION: ("old_role", "old_role_gains", "new_role", "skills_supports"),
        FocalArea.INTERPERSONAL_DEFICITS: (
            "pattern",
            "isolation",
            "new_contact",
            "therapy_relationship",
            "practice_step",
        ),
    }

    def entries(self) -> list[tuple[str, str]]:
        """(label, text) of this area's filled prompts, for reading the note."""
        rows = []
        for name in self.PROMPT_FIELDS[self.area]:
            field = self._meta.get_field(name)
            value = getattr(self, f"get_{name}_display")() if field.choices else getattr(self, name)
            if value:
                rows.append((field.verbose_name.capitalize(), value))
        return rows

    def people_named(self) -> str:
        """The people chosen, by name (reads the prefetched ``people`` when there is one)."""
        return ", ".join(sorted(person.name for person in self.people.all()))


class FocalWorkPerson(SessionRecord):
    """One person from the inventory a focal area's work was about.

    Carries the session so the database freezes it with the signed note like every other part.
    A many-to-many link: unticking a person on a draft deletes the row (audit.roles grants it).
    """

    LINK_TABLE = True

    work = models.ForeignKey(FocalAreaWork, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("inventory.Person", on_delete=models.PROTECT, related_name="+")

    class Meta(SessionRecord.Meta):
        constraints = [
            models.UniqueConstraint(fields=["work", "person"], name="one_link_per_focal_person")
        ]
