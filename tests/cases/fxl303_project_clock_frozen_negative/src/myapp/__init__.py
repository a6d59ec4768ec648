from .clock import utc_now
