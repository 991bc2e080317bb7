"""Optimistic locking: two tabs editing one record must not silently overwrite each other."""

from django.db.models import F, Model

from cases.exceptions import StaleEdit


def claim_next_version(obj: Model, expected_version: int) -> None:
    """Take the next version of ``obj`` or raise ``StaleEdit`` if someone saved in between.

    Call inside the transaction that then saves ``obj``.
    """
    claimed = (
        type(obj)
        ._default_manager.filter(pk=obj.pk, version=expected_version)
        .update(version=F("version") + 1)
    )
    if not claimed:
        raise StaleEdit()
    obj.version = expected_version + 1
