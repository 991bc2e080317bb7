from django.http import HttpRequest

from accounts.second_factor import second_factor_done


def security(request: HttpRequest) -> dict:
    """``second_factor_done``: whether to show the signed-in navigation (no query)."""
    user = getattr(request, "user", None)
    done = bool(user is not None and user.is_authenticated and second_factor_done(request))
    return {"second_factor_done": done}
