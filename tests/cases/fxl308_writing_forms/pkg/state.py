import functools

_HOOKS = []
_CONFIG = None
_UNREAD = {}
_instance = None


class Config:
    debug = False
    _instance = None

    @classmethod
    def configure(cls, debug):
        cls._instance = cls()
        cls.debug = debug


class Registry:
    def __init__(self):
        self._handlers = {}
        self._db = Database()

    def register(self, name, handler):
        self._handlers[name] = handler

    def get(self, name):
        return self._handlers.get(name)

    def save(self, row):
        self._db.insert("rows", row=row)


class Database:
    def insert(self, table, row):
        return (table, row)


registry = Registry()
add_handler = registry.register


def add_hook(hook):
    _HOOKS.append(hook)


def hooks():
    return list(_HOOKS)


def set_config(value):
    global _CONFIG
    _CONFIG = value


def config():
    return _CONFIG


def is_debug():
    return Config.debug


def remember(key):
    _UNREAD[key] = True


class Settings:
    def __init__(self):
        self.values = {}


def get_settings():
    global _instance
    if _instance is None:
        _instance = Settings()
    return _instance


@functools.lru_cache(maxsize=None)
def defaults():
    return {"colour": "blue"}


@functools.lru_cache(maxsize=None)
def version():
    return (1, 2)
