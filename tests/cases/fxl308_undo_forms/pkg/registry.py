_REGISTRY = {}
_PLUGINS = []


class Registry:
    _handlers = {}

    @classmethod
    def add(cls, name, handler):
        cls._handlers[name] = handler

    @classmethod
    def get(cls, name):
        return cls._handlers.get(name)


def register(name, handler):
    _REGISTRY[name] = handler


def unregister(name):
    del _REGISTRY[name]


def clear():
    _REGISTRY.clear()


def lookup(name):
    return _REGISTRY.get(name)


def load_plugin(plugin):
    _PLUGINS.append(plugin)


def reset_plugins():
    _PLUGINS.clear()


def plugins():
    return tuple(_PLUGINS)
