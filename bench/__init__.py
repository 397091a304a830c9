"""Benchmarks: `make bench` runs every module here (see __main__.py); each works in a temporary database."""
