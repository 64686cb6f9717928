"""A demo agency with two years of use-of-force incidents, generated from a fixed seed.

``generate()`` builds the data without touching the database; ``load()`` writes it through
the same actions the web app, the API and the importer use, so every row has its audit entry.
"""

from forcereview.records.demo.generate import DEFAULT_INCIDENTS, DEFAULT_SEED, DemoData, generate

__all__ = ["DEFAULT_INCIDENTS", "DEFAULT_SEED", "DemoData", "generate"]
