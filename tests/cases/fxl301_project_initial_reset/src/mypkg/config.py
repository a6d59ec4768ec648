DEBUG = False
NAME = "default"
HANDLERS = []


class Limits:
    RETRIES = 3
