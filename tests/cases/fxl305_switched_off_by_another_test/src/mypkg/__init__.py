from .conf import LazySettings

settings = LazySettings()
