from django.apps import AppConfig


class ClientAreaConfig(AppConfig):
    name = "client_area"
    verbose_name = "The client's own pages"

    def ready(self) -> None:
        from audit import protection
        from client_area.models import ClientLink

        # A link is revoked or left to expire, never removed: the audit trail names it.
        protection.never_deleted(ClientLink)
