import threading


class _RequestLocal(threading.local):
    user = None


request = _RequestLocal()
scratch = threading.local()


class Settings:
    user = None

    def describe(self):
        return self.user


settings = Settings()
