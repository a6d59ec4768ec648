from .clock import today, utc_now

__all__ = ["today", "utc_now"]
