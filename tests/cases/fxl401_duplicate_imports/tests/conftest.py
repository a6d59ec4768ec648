from tests.fixtures.web import client  # expect: FXL401:32
from tests.fixtures.api import client, token
