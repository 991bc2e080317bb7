from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A member of staff. Clients are never users of this app."""

    class Role(models.TextChoices):
        THERAPIST = "therapist", "Therapist"
        SUPERVISOR = "supervisor", "Clinical supervisor"
        SERVICE_ADMIN = "service_admin", "Service administrator"
        # WHO group IPT is run by supervised lay facilitators: they lead groups, never hold an
        # individual caseload of their own, and every note they sign goes to their supervisor.
        FACILITATOR = "facilitator", "Non-specialist group facilitator"

    role = models.CharField(max_length=20, choices=Role, default=Role.THERAPIST)
    is_trainee = models.BooleanField(
        default=False, help_text="A trainee's session notes need a supervisor's co-signature."
    )
    supervisor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervisees",
        limit_choices_to={"role": Role.SUPERVISOR},
        help_text="The clinical supervisor who reviews this therapist's caseload.",
    )
    mfa_exempt_in_debug = models.BooleanField(
        "demo account",
        default=False,
        help_text="Set only by seed_demo: may skip the second factor while DEBUG is on, never in production.",
    )

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="facilitator") | models.Q(is_trainee=True),
                name="non_specialist_facilitator_is_supervised",
                violation_error_message=(
                    "A non-specialist facilitator works under supervision: their notes are co-signed."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_therapist(self) -> bool:
        return self.role == self.Role.THERAPIST

    @property
    def is_supervisor(self) -> bool:
        return self.role == self.Role.SUPERVISOR

    @property
    def is_service_admin(self) -> bool:
        return self.role == self.Role.SERVICE_ADMIN

    @property
    def is_facilitator(self) -> bool:
        """A non-specialist group facilitator (therapists and trainees may facilitate too)."""
        return self.role == self.Role.FACILITATOR


class UserSession(models.Model):
    """One signed-in browser of a user, so they can see and end it (and deactivation ends all).

    Written when a user signs in; the session data itself stays in Django's session store.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created = models.DateTimeField()
    last_seen = models.DateTimeField()
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-last_seen"]

    def __str__(self) -> str:
        return f"{self.user} since {self.created:%Y-%m-%d %H:%M}"
