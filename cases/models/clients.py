from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from cases.models.access import visible_courses_q, visible_therapists_q


class ClientQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ClientQuerySet":
        """The one access path to clients: those with a course (or registration) the user may see."""
        from cases.models.courses import Course

        any_course = Course.objects.filter(client=OuterRef("pk"))
        visible_course = any_course.filter(visible_courses_q(user))
        # A client with no course yet belongs to whoever registered them.
        return self.filter(
            Exists(visible_course)
            | (visible_therapists_q(user, "registered_by") & ~Exists(any_course))
        )

    def editable_by(self, user) -> "ClientQuerySet":
        """Clients whose details ``user`` may change: the treating therapist's.

        That is a client with a course of theirs, or one they registered who has no course yet.
        Supervisors and administrators read only.
        """
        from cases.models.courses import Course

        if not getattr(user, "is_authenticated", False) or not user.is_therapist:
            return self.none()
        any_course = Course.objects.filter(client=OuterRef("pk"))
        return self.filter(
            Exists(any_course.filter(therapist=user))
            | (Q(registered_by=user) & ~Exists(any_course))
        )

    def active(self) -> "ClientQuerySet":
        return self.filter(archived_at__isnull=True)

    def search(self, text: str) -> "ClientQuerySet":
        text = text.strip()
        if not text:
            return self
        query = Q()
        for word in text.split():
            query &= (
                Q(given_name__icontains=word)
                | Q(family_name__icontains=word)
                | Q(preferred_name__icontains=word)
                | Q(record_number__icontains=word)
            )
        return self.filter(query)


class Client(models.Model):
    """A person receiving IPT. Archived, never deleted."""

    record_number = models.CharField(
        "record number", max_length=40, unique=True, help_text="The clinic's own record number."
    )
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    pronouns = models.CharField(max_length=40, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    emergency_contact = models.TextField(
        blank=True, help_text="Name, relationship and phone number."
    )
    gp_contact = models.TextField("GP / primary-care contact", blank=True)
    referral_source = models.CharField(max_length=200, blank=True)
    referral_date = models.DateField(null=True, blank=True)
    consent_date = models.DateField("consent to treatment recorded on", null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="registered_clients"
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    archive_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = ClientQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name", "record_number"]
        indexes = [models.Index(fields=["family_name", "given_name"])]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.record_number})"

    def get_absolute_url(self) -> str:
        return reverse("cases:client_detail", kwargs={"client_id": self.pk})

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def display_name(self) -> str:
        if self.preferred_name and self.preferred_name != self.given_name:
            return f"{self.given_name} ({self.preferred_name}) {self.family_name}"
        return self.full_name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def age_on(self, day) -> int:
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())


def named_course_fields(path: str = "") -> tuple[str, ...]:
    """What a list row reads to name a course's client and therapist (with links to both),
    for ``.only()`` on a model whose course is at ``path`` ("course"; "" on courses)."""
    prefix = f"{path}__" if path else ""
    return tuple(
        f"{prefix}{name}"
        for name in (
            "client_id",
            "therapist_id",
            "client__given_name",
            "client__family_name",
            "client__record_number",
            "therapist__username",
            "therapist__first_name",
            "therapist__last_name",
        )
    )
