class Registry:
    def __init__(self):
        self._normal = []

    def register(self, factory):
        self._normal.append(factory)

    def factories(self):
        return list(self._normal)


REGISTRY = Registry()
_COUNT = [0]
_FLAG = False
_TABLE = {}


def register_payload(factory):
    REGISTRY.register(factory)


def accept():
    _COUNT[0] += 1


def reset():
    _COUNT[:] = [0]


def count():
    return _COUNT[0]


def set_flag(value):
    global _FLAG
    _FLAG = value


def flag():
    return _FLAG


def init():
    for key in ("a", "b"):
        _TABLE[key] = key.upper()


def table(key):
    return _TABLE[key]


class Aggregates:
    def __init__(self):
        self.reset()

    def reset(self):
        self.registry = {}

    def add(self, name, value):
        self.registry[name] = value

    def get(self, name):
        return self.registry.get(name)


aggregates = Aggregates()
