"""minutes-kg: kg layer."""
