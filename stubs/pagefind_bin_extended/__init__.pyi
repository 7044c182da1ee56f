# The Pagefind binary's wheel ships no types: the one function that finds the executable.
from pathlib import Path

def get_executable() -> Path: ...
