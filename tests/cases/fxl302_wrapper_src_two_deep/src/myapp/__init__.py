from .testing import run_app

__all__ = ["run_app"]
