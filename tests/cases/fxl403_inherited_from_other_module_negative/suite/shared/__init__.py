from suite.shared.methods import BaseMethodsTests


class SharedTests(BaseMethodsTests):
    """Not a test module: its tests run only through the subclasses that import it."""
