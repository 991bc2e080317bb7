from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = "Clinical supervision"

    def ready(self) -> None:
        from audit import course_versions, protection
        from supervision import flag_state
        from supervision.models import (
            CourseFlagState,
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
        # Every write to a course or its records makes the dashboard's stored flags stale.
        course_versions.versioned_by(CourseFlagState._meta.db_table, flag_state.sources())
