"""Command line and dev server: build, check, new, serve; exit codes 0, 1 and 2.

Each command loads what it needs when it runs (`new` its scaffold, `build` the stages once there is work
to do), so `build.py` starts in a fraction of a second.
"""

from .cli import main

__all__ = ["main"]
