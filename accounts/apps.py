from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Users and roles"

    def ready(self) -> None:
        # Receivers for django.contrib.auth's and django-axes's signals.
        from accounts import signed_in, signin_audit  # noqa: F401
