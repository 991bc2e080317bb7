from django.apps import AppConfig


class ClientAreaConfig(AppConfig):
    name = "client_area"
    verbose_name = "The client's own pages"

    def ready(self) -> None:
        from audit import protection, reads
        from client_area.models import ClientLink, StaffNotice

        # A link's id in a staff URL names the client whose link it is.
        reads.register("link_id", "client_area.ClientLink", "course__client_id")

        # A link is revoked or left to expire, never removed: the audit trail names it; a
        # notice shows whether staff were told.
        protection.never_deleted(ClientLink, StaffNotice)

        # The diary is part of the clinical record; its entries show on the session page.
        from client_area import diary_staff
        from client_area.diary_models import DiaryEntry, DiaryPerson, TaskCheck
        from sessions.review_panels import register_review_panel

        protection.never_deleted(DiaryEntry, TaskCheck, DiaryPerson)
        register_review_panel(diary_staff.review_panel)
