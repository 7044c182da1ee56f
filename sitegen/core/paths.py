"""Where a file really is: every symbolic link followed, for the rule that media stay inside content/."""

from __future__ import annotations

from pathlib import Path


class Inside:
    """Whether paths, with every symbolic link on the way followed, stay inside `folder`.

    Each folder on the way is resolved once per instance, so checking every medium of thousands of
    articles costs one lstat per file and one resolve per folder."""

    def __init__(self, folder: Path) -> None:
        self.top = folder.resolve()
        self._folders: dict[Path, Path] = {}

    def __call__(self, path: Path) -> bool:
        real_parent = self._folders.get(path.parent)
        if real_parent is None:
            real_parent = self._folders[path.parent] = path.parent.resolve()
        real = real_parent / path.name
        if real.is_symlink():
            real = real.resolve()
        return real.is_relative_to(self.top)
