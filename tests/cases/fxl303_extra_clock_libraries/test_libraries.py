import arrow
import pendulum
from django.utils import timezone


def test_django(report):
    assert timezone.now().date() == report.day  # expect: FXL303:12


def test_arrow(report):
    assert arrow.utcnow().day == report.day.day  # expect: FXL303:12


def test_pendulum(report):
    assert pendulum.now("Europe/Paris").date() == report.day  # expect: FXL303:12
