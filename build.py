#!/usr/bin/env python3
"""Entry point: `python build.py --help`. The code lives in the sitegen package."""

import sys

from sitegen.commands import main

if __name__ == "__main__":
    sys.exit(main())
