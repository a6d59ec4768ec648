class LazySettings:
    def get(self, name):
        return getattr(self, name, None)
