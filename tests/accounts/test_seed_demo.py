import pytest
from django.core.management import CommandError, call_command

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_it_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")


def test_it_creates_the_demo_team_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert User.objects.filter(username="therapist1").count() == 1
    trainee = User.objects.get(username="therapist2")
    assert trainee.is_trainee
    assert trainee.supervisor.username == "supervisor"
    assert trainee.check_password(settings.DEMO_PASSWORD)
    assert all(user.mfa_exempt_in_debug for user in User.objects.all())
