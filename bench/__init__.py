"""Benchmarks: a command per scenario (`python -m bench.<scenario>`); run_all runs them all."""
