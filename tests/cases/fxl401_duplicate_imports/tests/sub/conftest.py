from ..fixtures.api import *  # expect: FXL401:28
from ..fixtures.web import *
