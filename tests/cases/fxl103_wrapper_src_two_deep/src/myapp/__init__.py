from .db import open_engine

__all__ = ["open_engine"]
