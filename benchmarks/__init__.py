"""Paired benchmarks: run with ``bash scripts/bench``."""
