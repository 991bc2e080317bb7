from django.apps import AppConfig


class ClientAreaConfig(AppConfig):
    name = "client_area"
    verbose_name = "The client's own pages"

    def ready(self) -> None:
        from audit import protection
        from client_area.models import ClientLink, StaffNotice

        # A link is revoked or left to expire, never removed: the audit trail names it; a
        # notice shows whether staff were told.
        protection.never_deleted(ClientLink, StaffNotice)
