from typing import ClassVar

from mypkg.mixins import StartupMixin


class App(StartupMixin):
    test_mode: ClassVar[bool] = False
