class Base:
    retries = 1
