import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from tests.factories import PASSWORD, make_therapist
from tests.second_factor import app_device, current_code, unverified_force_login

pytestmark = pytest.mark.django_db


def password_only(client: Client, user) -> None:
    unverified_force_login(client, user)


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


@pytest.mark.parametrize(
    "url", ["/", "/caseload/", "/clients/", "/accounts/sessions/", "/admin/", "/audit/"]
)
def test_it_keeps_every_page_behind_the_second_step(client, therapist, url):
    app_device(therapist)
    password_only(client, therapist)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_verify"))


def test_it_sends_a_user_without_an_app_to_enrolment(client, therapist):
    password_only(client, therapist)
    response = client.get("/caseload/")
    assert response["Location"] == f"{reverse('accounts:mfa_enrol')}?next=/caseload/"


def test_it_tells_htmx_to_load_the_second_step_as_a_whole_page(client, therapist):
    password_only(client, therapist)
    response = client.get("/caseload/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:mfa_enrol"))


def test_it_enrols_an_app_with_an_inline_qr_code_and_shows_recovery_codes_once(
    client, therapist, settings
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the wrong code below would otherwise pause us 1 s
    password_only(client, therapist)
    page = client.get(reverse("accounts:mfa_enrol") + "?next=/clients/")
    html = page.content.decode()
    assert "<svg" in html and "<img" not in html
    assert 'aria-label="QR code' in html
    device = TOTPDevice.objects.get(user=therapist, confirmed=False)
    secret = page.context["secret"].replace(" ", "")
    assert secret in html.replace(" ", "")

    wrong = client.post(reverse("accounts:mfa_enrol"), {"code": "000000", "next": "/clients/"})
    assert wrong.status_code == 200
    assert "did not match" in wrong.content.decode()

    done = client.post(
        reverse("accounts:mfa_enrol"), {"code": code_for(device), "next": "/clients/"}
    )
    assert done.status_code == 302
    codes_page = client.get(done["Location"])
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", codes_page.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=therapist).values_list("token", flat=True)
    )
    assert client.get(done["Location"])["Location"] == reverse("accounts:my_sessions")
    assert client.get("/clients/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(actor=therapist, action="auth.mfa_enrolled").exists()


def test_it_lets_a_user_in_with_a_code_from_their_app(client, therapist):
    device = app_device(therapist)
    password_only(client, therapist)
    response = client.post(
        reverse("accounts:mfa_verify"), {"code": current_code(device), "next": "/clients/"}
    )
    assert response["Location"] == "/clients/"
    assert client.get("/clients/").status_code == 200
    assert AuditEvent.objects.filter(actor=therapist, action="auth.mfa_verified").exists()


def test_it_refuses_a_code_that_was_already_used(client, therapist):
    device = app_device(therapist)
    code = current_code(device)
    password_only(client, therapist)
    assert client.post(reverse("accounts:mfa_verify"), {"code": code})["Location"] == "/"

    second = Client()
    unverified_force_login(second, therapist)
    replay = second.post(reverse("accounts:mfa_verify"), {"code": code})
    assert replay.status_code == 200
    assert "not accepted" in replay.content.decode()
    assert second.get("/clients/").status_code == 302
    assert AuditEvent.objects.filter(actor=therapist, action="auth.mfa_failed").exists()


def test_it_accepts_a_recovery_code_once(client, therapist):
    app_device(therapist)
    from accounts.second_factor import new_recovery_codes

    code = new_recovery_codes(therapist)[0]
    password_only(client, therapist)
    assert client.post(reverse("accounts:mfa_verify"), {"code": code})["Location"] == "/"

    second = Client()
    unverified_force_login(second, therapist)
    assert second.post(reverse("accounts:mfa_verify"), {"code": code}).status_code == 200
    assert StaticToken.objects.filter(device__user=therapist).count() == 9


def test_it_never_follows_next_to_another_site(client, therapist):
    device = app_device(therapist)
    password_only(client, therapist)
    response = client.post(
        reverse("accounts:mfa_verify"),
        {"code": current_code(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_it_excuses_demo_users_only_while_debug_is_on(client, settings):
    demo = make_therapist(mfa_exempt_in_debug=True)
    password_only(client, demo)
    settings.DEBUG = True
    assert client.get("/clients/").status_code == 200
    settings.DEBUG = False
    assert client.get("/clients/").status_code == 302


def test_it_walks_both_steps_through_the_real_forms(client, therapist):
    device = app_device(therapist)
    first = client.post(
        reverse("login"), {"username": therapist.username, "password": PASSWORD}, follow=True
    )
    assert first.redirect_chain[-1][0].startswith(reverse("accounts:mfa_verify"))
    assert client.get("/clients/").status_code == 302
    client.post(reverse("accounts:mfa_verify"), {"code": current_code(device)})
    assert client.get("/clients/").status_code == 200


def test_it_resets_a_lost_phone_and_signs_the_user_out(client, therapist, service_admin):
    from accounts.second_factor import reset

    app_device(therapist)
    client.force_login(therapist)
    reset(therapist, by=service_admin)
    assert not TOTPDevice.objects.filter(user=therapist).exists()
    assert client.get("/clients/").status_code == 302
    assert AuditEvent.objects.filter(actor=service_admin, action="auth.mfa_reset").exists()


def test_it_makes_a_new_set_of_recovery_codes(client, therapist):
    client.force_login(therapist)
    response = client.post(reverse("accounts:recovery_codes_new"), follow=True)
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())
    assert len(codes) == 10


@pytest.mark.parametrize("name", ["accounts:mfa_verify", "accounts:mfa_enrol"])
def test_the_second_step_pages_need_the_password_step_first(client, name):
    assert client.get(reverse(name))["Location"].startswith(reverse("login"))


def test_an_unverified_session_cannot_change_records(client):
    from tests.access.catalogue import CATALOGUE, World, url_for
    from tests.access.test_matrix import clinical_snapshot

    world = World.build()
    data = CATALOGUE["cases:client_edit"].post(world)
    app_device(world.owner)
    password_only(client, world.owner)
    before = clinical_snapshot()
    response = client.post(url_for("cases:client_edit", world), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:mfa_verify")
    assert clinical_snapshot() == before
