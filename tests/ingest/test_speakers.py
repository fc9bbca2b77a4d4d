"""Speaker names: what is a name and what is a title or a post-nominal."""

from __future__ import annotations

from ingest.speakers import name_key


def test_post_nominals_are_not_surnames() -> None:
    """Regression: every "X AM" of the Senedd transcripts had the surname "am" and became one speaker."""
    assert name_key("Kirsty Williams AM") == "kirsty williams"
    assert name_key("Lynne Neagle AM") != name_key("Kirsty Williams AM")
    assert name_key("Jane Doe MP") == "jane doe"
