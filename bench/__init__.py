"""Benchmarks: `python -m bench --list`, `python -m bench NAME [--size N]`.

Each benchmark runs in its own PostgreSQL database, created on the server that BENCH_DATABASE_URL names
and dropped afterwards (see bench/harness.py), and prints one JSON object as the last line of its output.
A benchmark is a function decorated with @benchmark in any module of this package; page benchmarks call
measure_page(), which times /healthz in the same run so that results from different machines compare.
Results are recorded by hand in bench/RESULTS.md.
"""
