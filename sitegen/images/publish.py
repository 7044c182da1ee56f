"""Stage 5, render: publish article images as responsive pictures (sizes, cache look-ups, parallel Pillow work)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from html import escape
from multiprocessing.context import BaseContext
from pathlib import Path

from ..config import ImageSettings
from ..core import can_fork, frozen
from . import imagecache, imageproc
from .imageproc import ImageError
from .recipe import CODE_VERSION, Recipe

FALLBACK_WIDTH = 960  # the plain <img src> for browsers without srcset, and the video poster
ARTICLE_SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"  # .article is 46rem wide, main has 1rem padding


@frozen
class Variant:
    path: str  # site-root path, e.g. media/3fa2c1d0e9b8a7c6-960.webp
    width: int
    height: int
    mime: str
    bytes: int = 0


@frozen
class Picture:
    variants: tuple[Variant, ...]  # WebP by width, then JPEG by width: the last is the largest JPEG
    width: int  # intrinsic size of the largest variant
    height: int
    original: Variant | None = None  # full-size copy without metadata, for the 原图 link (images.link_original)

    def of(self, mime: str) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if v.mime == mime)

    @property
    def fallback(self) -> Variant:
        jpegs = self.of("image/jpeg")
        return next((v for v in reversed(jpegs) if v.width <= FALLBACK_WIDTH), jpegs[0])

    @property
    def paths(self) -> tuple[str, ...]:
        """Every file this picture needs in a site root."""
        return tuple(v.path for v in (*self.variants, *((self.original,) if self.original else ())))


@frozen
class PublishedImages:
    pictures: Mapping[Path, Picture]  # source file -> picture
    files: Mapping[str, Path]  # site-root path -> file to copy into every column that uses it
    processed: tuple[Path, ...] = ()  # sources decoded by this call; empty when everything came from the cache
    entries: frozenset[str] = frozenset()  # cache keys in use, for imagecache.prune after the output is written


# --------------------------------------------------------------------------- publishing


def publish_images(
    sources: Iterable[Path],
    settings: ImageSettings,
    cache_dir: Path,
    *,
    originals: Iterable[Path] = (),
    prune: bool = True,
) -> PublishedImages:
    """Derivatives for every source, from the cache where possible; raises ImageError naming every bad file.

    `originals` also get a full-size copy without metadata. `prune` removes cache entries this call did not use:
    leave it off when some articles were skipped, so their images stay cached.
    """
    full = set(originals)
    sources = sorted(set(sources))
    encoder = f"{CODE_VERSION}/{imageproc.encoder_version()}" if sources else ""
    keys: dict[Path, str] = {}
    jobs: dict[str, tuple[Path, Recipe]] = {}
    failures: list[tuple[str, str]] = []
    for source in sources:
        recipe = Recipe(settings.widths, settings.webp_quality, settings.jpeg_quality, source in full, encoder)
        try:
            keys[source] = key = recipe.key(imagecache.digest(source))
        except OSError as e:
            failures.append((str(source), f"无法读取图片文件：{e.strerror or e}"))
            continue
        jobs.setdefault(key, (source, recipe))
    entries = {key: imagecache.load(cache_dir, key) for key in jobs}
    todo = {key: jobs[key] for key, entry in entries.items() if entry is None}
    for key, result in _render(todo):
        if isinstance(result, ImageError):
            failures += result.failures
            continue
        try:
            entries[key] = imagecache.store(cache_dir, key, result)
        except OSError as e:
            failures.append((str(jobs[key][0]), f"无法写入图片缓存 {cache_dir}：{e.strerror or e}"))
    if failures:
        raise ImageError(tuple(sorted(failures)))
    if prune:
        imagecache.prune(cache_dir, set(jobs))
    pictures: dict[Path, Picture] = {}
    files: dict[str, Path] = {}
    for source, key in keys.items():
        entry = entries[key]
        assert entry is not None  # every missing entry was rendered above, or failed and raised
        pictures[source] = _picture(entry)
        files.update({f"media/{f.name}": cache_dir / key / f.name for f in (*entry.files, *entry.originals)})
    return PublishedImages(pictures, files, tuple(sorted(jobs[key][0] for key in todo)), frozenset(jobs))


def _picture(entry: imagecache.Entry) -> Picture:
    def variant(f: imagecache.CachedFile) -> Variant:
        return Variant(f"media/{f.name}", f.width, f.height, f.mime, f.size)

    order = {"image/webp": 0, "image/jpeg": 1}
    variants = tuple(variant(f) for f in sorted(entry.files, key=lambda f: (order.get(f.mime, 2), f.width)))
    original = variant(entry.originals[0]) if entry.originals else None
    return Picture(variants, variants[-1].width, variants[-1].height, original)


def _render(todo: dict[str, tuple[Path, Recipe]]) -> Iterable[tuple[str, imageproc.Rendered | ImageError]]:
    """Decode and encode every job; several jobs go to a pool of one process per core, none means no pool at all."""
    if len(todo) == 1:
        ((key, (source, recipe)),) = todo.items()
        yield key, _attempt(lambda: imageproc.render(source, recipe))
        return
    if not todo:
        return
    # Fork while this process runs alone: its semaphores are unlinked at once, where the fork server's are left to
    # a finalizer that loses a race under load (CPython issue 98268). Beside other threads (the dev server's),
    # never fork: the fork server, which starts with Pillow loaded.
    context: BaseContext
    if can_fork():
        context = multiprocessing.get_context("fork")
    elif "forkserver" in multiprocessing.get_all_start_methods():
        forkserver = multiprocessing.get_context("forkserver")
        forkserver.set_forkserver_preload([imageproc.__name__])
        context = forkserver
    else:
        context = multiprocessing.get_context("spawn")
    workers = min(os.cpu_count() or 1, len(todo))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        futures: dict[Future[imageproc.Rendered], tuple[str, Path]] = {
            pool.submit(imageproc.render, source, recipe): (key, source) for key, (source, recipe) in todo.items()
        }
        for future in as_completed(futures):
            key, source = futures[future]
            yield key, _attempt(future.result, source)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _attempt(run: Callable[[], imageproc.Rendered], source: Path | None = None) -> imageproc.Rendered | ImageError:
    try:
        return run()
    except ImageError as e:
        return e
    except BrokenProcessPool:
        reason = "处理图片的进程意外退出（内存不足，或调用构建的脚本缺少 if __name__ == '__main__' 保护）"
        return ImageError(((str(source), reason),))


# --------------------------------------------------------------------------- markup


def _srcset(variants: Iterable[Variant], link: Callable[[str], str]) -> str:
    return ", ".join(f"{link(v.path)} {v.width}w" for v in variants)


def picture_html(
    picture: Picture,
    alt: str,
    link: Callable[[str], str],
    *,
    lazy: bool = True,
    sizes: str = ARTICLE_SIZES,
) -> str:
    """A <picture>: WebP candidates first, the JPEG <img> as fallback; the eager one is fetched first."""
    loading = ' loading="lazy"' if lazy else ' fetchpriority="high"'
    webp = picture.of("image/webp")
    source = (
        f'<source type="image/webp" srcset="{escape(_srcset(webp, link))}" sizes="{escape(sizes)}">' if webp else ""
    )
    return (
        f"<picture>{source}"
        f'<img src="{escape(link(picture.fallback.path))}" '
        f'srcset="{escape(_srcset(picture.of("image/jpeg"), link))}" sizes="{escape(sizes)}" '
        f'alt="{escape(alt)}" width="{picture.width}" height="{picture.height}"{loading} decoding="async">'
        "</picture>"
    )


__all__ = ["ImageError", "Picture", "PublishedImages", "Variant", "picture_html", "publish_images"]
