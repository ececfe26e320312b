"""The nightly benchmarks of issue 13 (run them with benchmarks/bench_nightly.py)."""
