"""A tiny project package beside the example suite (FXL308 reaches it through its API)."""
