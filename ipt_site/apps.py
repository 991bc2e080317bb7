from django.apps import AppConfig


class SiteConfig(AppConfig):
    """Project-wide pieces that belong to no feature (no models)."""

    name = "ipt_site"
    label = "ipt_site"

    def ready(self) -> None:
        # Registers the range-safe ``in`` lookup on every integer column (ids included).
        from ipt_site import lookups  # noqa: F401
