import pytest
from django.urls import reverse

from tests.factories import PASSWORD
from tests.second_factor import app_device, current_code

pytestmark = pytest.mark.django_db


def test_it_shows_the_sign_in_form_to_a_stranger(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'<label for="id_username">Username</label>' in response.content


def test_it_sends_a_stranger_to_sign_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def sign_in_with_both_steps(client, user):
    device = app_device(user)
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    return client.post(
        reverse("accounts:mfa_verify"), {"code": current_code(device), "next": "/"}, follow=True
    )


def test_it_lands_a_therapist_on_their_caseload(client, therapist):
    response = sign_in_with_both_steps(client, therapist)
    assert response.redirect_chain[-1][0] == reverse("cases:caseload")
    assert therapist.display_name in response.content.decode()


def test_it_lands_a_supervisor_on_the_supervision_page(client, supervisor):
    response = sign_in_with_both_steps(client, supervisor)
    assert response.redirect_chain[-1][0] == reverse("supervision:dashboard")


def test_it_says_only_that_the_details_are_wrong(client, therapist):
    wrong_password = client.post(
        reverse("login"), {"username": therapist.username, "password": "not-the-password"}
    )
    no_such_user = client.post(
        reverse("login"), {"username": "nobody-here", "password": "not-the-password"}
    )
    assert wrong_password.status_code == no_such_user.status_code == 200
    for response in (wrong_password, no_such_user):
        text = response.content.decode()
        assert "Please enter a correct username and password" in text
        assert "does not exist" not in text
    assert "_auth_user_id" not in client.session


def test_it_signs_out_with_a_post(client, therapist):
    client.force_login(therapist)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
