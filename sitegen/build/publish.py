"""Stages 5 and 6 for a build with work to do: check, render what changed, and write it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from datetime import time as dt_time
from pathlib import Path
from types import TracebackType

from ..config import Config
from ..content import Stamp
from ..core import SiteError, Store, digest_files, errors_of
from ..index import BuildIndex
from ..write import begin, discard, update_site, write_site
from .checking import check_content
from .keys import render_scope
from .site import render_columns
from .state import Inputs, identity
from .values import Built, Project, Site, Timings


def publish(
    project: Project,
    now: datetime,
    skip_invalid: bool,
    t: Timings,
    last: Store,
    stamps: tuple[Stamp, ...],
) -> Built:
    """The recipe of a build with work to do; every step is timed (`build.py build --timings`). `last` keeps
    the record of the last successful build, and `stamps` are the inputs as this build read them.

    1. forget the last build's record: a build killed from here on is not taken for a finished one;
    2. check: config, sources, analyze, probe, rules, catalog, downloads (checking.check_content);
    3. open the output being built: its staging folder, the last build's page keys, the build index;
    4. render: images, then pages, keyed, only those whose key changed rendered (site.render_columns);
    5. write: what changed, into output/ (`_Output.write`), with the keys for the next build;
    6. remember this build's inputs, so that the next one with nothing changed does nothing."""
    last.keep_only(())
    last.save()
    checked = check_content(project, now, skip_invalid=skip_invalid, timings=t, stamps=stamps)
    _require_theme(project)
    with _Output(project) as out:
        site = render_columns(project, checked, now, t, out.old_keys, out.staging, out.index)
        with t.step("write"):
            out.write(site)
    published = {c: len(catalog.entries) for c, catalog in checked.catalogs.items()}
    built = Built(
        published,
        checked.skipped,
        checked.problems,
        rendered=site.rendered,
        indexed=site.indexed,
        loaded=checked.loaded,
        reason=out.reason,
    )
    if not errors_of(checked.problems):  # warnings alone: the build is complete
        until = min([a.publish_at for a in checked.articles if a.publish_at and a.publish_at > now], default=None)
        last.put(skip_invalid, Inputs(stamps, now, _next_day(checked.config, now, until), identity(project.output)))
        last.put("published", built.published)
    last.save()
    return built


class _Output:
    """The output being built, from `with` to `write`: its staging folder, the keys of the pages of the last
    build it may reuse, and the build index that keeps this build's search records. Nothing of it is kept
    unless `write` finishes: the staging folder goes, and the index is closed without committing."""

    def __init__(self, project: Project) -> None:
        self.project = project
        cache = project.cache if project.use_cache else None
        self.manifest = Store(cache, "manifest", "")
        self.index: BuildIndex | None = None
        if cache is not None and not project.preview:
            self.index = BuildIndex(cache / "index.sqlite", digest_files([project.config]))
        self.scope = render_scope(project)
        self.staging: Path = project.output
        self.old_keys: Mapping[str, str] = {}
        self.reason = ""

    def __enter__(self) -> _Output:
        try:
            self.staging, interrupted = begin(self.project.output)
        except BaseException:
            self._close()
            raise
        # An update finished for a killed build leaves files the manifest does not describe: start afresh.
        output = identity(self.project.output)
        trusted = output is not None and self.manifest.get("output") == output and not interrupted
        self.old_keys = (self.manifest.get("keys") or {}) if trusted else {}
        self.reason = _why_everything(self.project, self.manifest, trusted, interrupted, self.scope)
        return self

    def write(self, site: Site) -> None:
        """Only what changed since the last build, in place when it is a small part of the site."""
        _write(self.project.output, self.staging, site, self.old_keys)
        self.manifest.put("keys", site.keys)
        self.manifest.put("output", identity(self.project.output))
        self.manifest.put("scope", self.scope)
        self.manifest.save()
        if self.index is not None:
            self.index.commit()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if kind is not None:
            discard(self.staging)
        self._close()

    def _close(self) -> None:
        if self.index is not None:
            self.index.close()


def _why_everything(project: Project, manifest: Store, trusted: bool, interrupted: bool, scope: str) -> str:
    """Why no page of the last build can be reused, for `build --timings`; "" when every unchanged one is."""
    if not project.use_cache:
        return "不使用缓存：每个页面都重新生成"
    if manifest.get("keys") is None:
        return "没有上一次构建的记录（首次构建，或 .cache/ 已清空）：每个页面都重新生成"
    if interrupted:
        return "上一次构建在写入 output/ 时中断：每个页面都重新生成"
    if not trusted:
        return "output/ 文件夹已被替换或删除：每个页面都重新生成"
    if manifest.get("scope") != scope:
        return "程序、主题或 config.yml 有改动：每个页面都重新生成"
    return ""


def _require_theme(project: Project) -> None:
    """A project without its theme folder is told so, rather than failing on the first template."""
    templates = project.theme / "templates"
    if not templates.is_dir():
        shown = templates.relative_to(project.root) if templates.is_relative_to(project.root) else templates
        raise SiteError(
            f"找不到主题模板文件夹 {shown.as_posix()}/："
            "请把 sitegen 自带的 themes/ 文件夹放在项目根目录（与 config.yml 同级）"
        )


def _write(out: Path, staging: Path, site: Site, old_keys: Mapping[str, str]) -> None:
    """Only what changed since the last build, in place when it is a small part of the site."""
    changed = {path for path, key in site.keys.items() if old_keys.get(path) != key}
    removed = [path for path in old_keys if path not in site.keys]
    if not old_keys or len(changed) + len(removed) > len(site.keys) // 4:
        write_site(out, staging, site.files, site.copies)
    elif changed or removed or site.staged:
        files = {path: data for path, data in site.files.items() if path in changed}
        copies = {path: source for path, source in site.copies.items() if path in changed}
        update_site(out, staging, files, copies, site.staged, removed)
    else:
        discard(staging)


def _next_day(config: Config, now: datetime, scheduled: datetime | None) -> datetime:
    """The earlier of a scheduled publication and the next local midnight (the home page shows the day)."""
    local = now.astimezone(config.timezone)
    midnight = datetime.combine(local.date() + timedelta(days=1), dt_time(), config.timezone)
    return min(midnight, scheduled) if scheduled else midnight
