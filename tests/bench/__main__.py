"""`python -m tests.bench [--sizes 1000,10000] [--runs 3]`: the SPEC 9 benchmarks, as `make bench` runs them."""

from .harness import main

raise SystemExit(main())
