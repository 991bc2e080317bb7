from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = "Clinical supervision"

    def ready(self) -> None:
        from audit import protection
        from supervision.models import (
            FidelityRating,
            NoteReview,
            SupervisionEntry,
            SupervisorComment,
        )

        protection.append_only(
            NoteReview, "A supervisor's review of a note is never changed or removed"
        )
        # A signed note's co-signature or return must be backed by one of these reviews.
        protection.reviewed_by(NoteReview)
        protection.never_deleted(SupervisorComment, FidelityRating, SupervisionEntry)
