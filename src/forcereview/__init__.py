"""forcereview: use-of-force review and accountability."""

__version__ = "0.1.0"
