"""Reading council minutes into the typed model of `ingest.model`."""

__version__ = "0.1.0"
