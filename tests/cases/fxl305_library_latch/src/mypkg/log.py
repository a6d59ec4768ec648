class Logging:
    _setup = False
    _colorize = False

    def setup(self):
        if self._colorize:
            print("colors")
        Logging._setup = True
