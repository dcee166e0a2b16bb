"""Benchmarks (``make bench`` -> ``python -m bench.run``) and the soak test
(``make soak`` -> ``python -m bench.soak``). See bench/README.md."""
