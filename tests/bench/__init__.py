"""Benchmarks of SPEC section 9 (`make bench`); never collected as tests."""
