"""minutes-kg: qa layer."""
