from typing import ClassVar


class StartupMixin:
    START_METHOD_SET: ClassVar[bool] = False
    THRESHOLD = 300
