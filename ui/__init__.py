"""minutes-kg: ui layer."""
