_REGISTRY = {}


def register(name, handler):
    _REGISTRY[name] = handler


def lookup(name):
    return _REGISTRY.get(name)
