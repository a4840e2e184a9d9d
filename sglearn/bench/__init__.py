"""Benchmarks: a synthetic corpus generator and a harness that times sglearn against its floor."""
