import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import make_therapist

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password", ["short-pass1", "password1234", "123456789012", "tessatherapist"]
)
def test_it_refuses_weak_passwords(password):
    user = make_therapist(username="tessatherapist", first_name="Tessa")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_it_accepts_a_long_uncommon_passphrase():
    validate_password("violet-harbour-lantern-42", make_therapist())
