"""Stage 6, write: put the finished site in place, or leave the previous one untouched.

A new site is written into a fresh folder and swapped in with one rename. A small change to an existing
site (an edited article: a few pages of thousands) is applied in place instead: the changed files are
first written beside the site, then a journal naming them is committed with one rename, and only then
are they moved in, one rename each. A build killed before the journal leaves the site as it was; one
killed after it is finished by the next build, before that build does anything else.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import json
import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..core import write_atomic
from .compress import compressed, compressible, copies_of

_TMP_PREFIX = ".output-tmp-"
_JOURNAL_PREFIX = ".output-journal-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def begin(out: Path) -> tuple[Path, bool]:
    """Finish or clear what a killed build left, and make the folder this build writes into beside `out`.

    Returns the folder and whether a killed build's committed update had to be finished first (the
    output then holds files no manifest describes). Rendering writes pages straight into the folder.
    """
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    finished = remove_stale(out)
    staging = out.parent / f"{_TMP_PREFIX}{out.name}-{os.getpid()}"
    staging.mkdir()
    return staging, finished


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def write_site(out: Path, staging: Path, files: Mapping[str, bytes], copies: Mapping[str, Path | str]) -> None:
    """Complete the staged site with `files` and `copies`, then swap it in for `out` with one rename."""
    out = out.absolute()
    try:
        _fill(staging, files, copies)
        _swap(staging, out)
    finally:
        discard(staging)


def update_site(
    out: Path,
    staging: Path,
    files: Mapping[str, bytes],
    copies: Mapping[str, Path | str],
    staged: Iterable[str],
    removed: Iterable[str],
) -> None:
    """Replace the `staged` files, `files` and `copies` in the existing site `out` and delete `removed`,
    through a journal."""
    out = out.absolute()
    try:
        _fill(staging, files, copies)
        journal = _journal(out)
        replaced = {*staged, *files, *copies}
        # A file's compressed copies go and come with it; a copy its new version no longer has is removed.
        made = {copy for rel in replaced for copy in copies_of(rel) if (staging / copy).exists()}
        gone = {copy for rel in replaced for copy in copies_of(rel)} - made
        gone.update(path for rel in removed for path in (rel, *copies_of(rel)))
        plan = {"staging": staging.name, "replace": sorted(replaced | made), "remove": sorted(gone)}
        # The commit point: from here on the update is finished, now or by the next build.
        write_atomic(journal, json.dumps(plan).encode("utf-8"))
    except BaseException:
        discard(staging)
        raise
    _apply(out, journal)


def _fill(staging: Path, files: Mapping[str, bytes], copies: Mapping[str, Path | str]) -> None:
    made: set[Path] = set()
    for rel in sorted({*files, *copies}):
        target = staging / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if rel in files:
            data = files[rel]
            target.write_bytes(data)
        else:
            _link_or_copy(copies[rel], target)
            data = target.read_bytes() if compressible(rel) else b""
        for copy, packed in compressed(rel, data).items():
            (staging / copy).write_bytes(packed)


def remove_stale(out: Path) -> bool:
    """Finish an update whose journal was committed (True if there was one); remove what killed builds left."""
    journal = _journal(out)
    finished = journal.exists()
    if finished:
        _apply(out, journal)
    for tmp in out.parent.glob(f".{journal.name}.*.tmp"):  # what write_atomic left when a build was killed
        tmp.unlink(missing_ok=True)
    for stale in out.parent.glob(f"{_TMP_PREFIX}{out.name}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    return finished


def _journal(out: Path) -> Path:
    return out.parent / f"{_JOURNAL_PREFIX}{out.name}.json"


def _apply(out: Path, journal: Path) -> None:
    """Carry out a committed journal. Every step may already have been done by a build that was killed."""
    plan = json.loads(journal.read_text(encoding="utf-8"))
    staging = out.parent / plan["staging"]
    for rel in plan["remove"]:
        (out / rel).unlink(missing_ok=True)
        _prune(out, (out / rel).parent)
    for rel in plan["replace"]:
        source = staging / rel
        if source.exists():
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            source.replace(out / rel)
    journal.unlink()
    shutil.rmtree(staging, ignore_errors=True)


def _prune(out: Path, folder: Path) -> None:
    """Remove folders left empty by deleted pages, up to the site root."""
    while folder != out and folder.is_relative_to(out):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _link_or_copy(source: Path | str, target: Path) -> None:
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
