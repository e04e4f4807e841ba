"""Performance measurements (benchmarks, not tests): ``python bench/run.py``. See README.md."""
