import contextlib

_CACHE = {}
_LOADED = {}
_MODE = False
_PARKED = {}


class Context:
    pass


CONTEXT = Context()


class Manager:
    def __init__(self):
        self.generators = {}

    def add(self, name, generator):
        self.generators[name] = generator

    def reset(self):
        self.generators = {}

    def generator(self, name):
        return self.generators.get(name)


manager = Manager()


def load(name):
    data = _CACHE.get(name)
    if not data:
        data = {"name": name}
        _CACHE[name] = data
    return data


def backend(name):
    try:
        return _LOADED[name]
    except KeyError:
        module = object()
        _LOADED[name] = module
        return module


def set_mode(value):
    global _MODE
    _MODE = value


def mode():
    return _MODE


@contextlib.contextmanager
def mode_on():
    set_mode(True)
    try:
        yield
    finally:
        set_mode(False)


def run(task):
    CONTEXT.task = task
    try:
        return task()
    finally:
        del CONTEXT.task


def current():
    return getattr(CONTEXT, "task", None) or CONTEXT.task


def park(task, lot):
    _PARKED.setdefault(task, []).append(lot)


def unpark(task, lot):
    _PARKED[task].remove(lot)


def parked(task):
    return _PARKED.get(task, [])


_ANALYZERS = {}
_ONCE = {}


def analyzer(name):
    if name in _ANALYZERS:
        entry = _ANALYZERS[name]
        return entry
    try:
        made = object()
    except ValueError as error:
        _ANALYZERS[name] = error
        raise
    _ANALYZERS[name] = made
    return made


def register_once(name, value):
    if name in _ONCE:
        return
    _ONCE[name] = value


def once(name):
    return _ONCE.get(name)
