import arrow
import pendulum
from django.utils import timezone


def test_django():
    assert timezone.now()  # expect: FXL303:12


def test_arrow():
    assert arrow.utcnow()  # expect: FXL303:12


def test_pendulum():
    assert pendulum.now("Europe/Paris")  # expect: FXL303:12
