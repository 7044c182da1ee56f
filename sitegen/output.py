"""Stage 6, write: put the finished site in place atomically, or leave the previous one untouched."""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

_TMP_PREFIX = ".output-tmp-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def write_site(out: Path, files: Mapping[str, bytes], copies: Mapping[str, Path]) -> None:
    """Write everything into a fresh folder beside `out`, then swap it in with one rename."""
    out = out.absolute()
    parent = out.parent
    parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out)
    tmp = parent / f"{_TMP_PREFIX}{out.name}-{os.getpid()}"
    tmp.mkdir()
    try:
        made: set[Path] = set()
        for rel in sorted(set(files) | set(copies)):
            target = tmp / rel
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            if rel in files:
                target.write_bytes(files[rel])
            else:
                _link_or_copy(copies[rel], target)
        _swap(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def remove_stale(out: Path) -> None:
    """Folders left by a killed build are never trusted: remove them."""
    for stale in out.parent.glob(f"{_TMP_PREFIX}{out.name}-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _swap(new: Path, out: Path) -> None:
    """Exchange `new` and `out` in one step where the kernel allows it; `new` then holds the old site."""
    if not out.exists():
        new.rename(out)
        return
    if _exchange(new, out):
        return
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.EXDEV):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))
