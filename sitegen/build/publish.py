"""Stages 5 and 6 for a build with work to do: check, render what changed, and write it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from datetime import time as dt_time
from pathlib import Path

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
    """Check, render and write everything that changed. `last` keeps the record of the last successful
    build, and `stamps` are the inputs as this build read them."""
    cache = project.cache if project.use_cache else None
    last.keep_only(())
    last.save()  # a build killed from here on must not be taken for a finished one
    checked = check_content(project, now, skip_invalid=skip_invalid, timings=t, stamps=stamps)
    _require_theme(project)
    manifest = Store(cache, "manifest", "")
    # The search records of this build, for the next one's bundles; committed only once the output is written.
    index = None
    if cache is not None and not project.preview:
        index = BuildIndex(cache / "index.sqlite", digest_files([project.config]))
    try:
        staging, interrupted = begin(project.output)
        try:
            # An update finished for a killed build leaves files the manifest does not describe: start afresh.
            output = identity(project.output)
            trusted = output is not None and manifest.get("output") == output and not interrupted
            old_keys = (manifest.get("keys") or {}) if trusted else {}
            scope = render_scope(project)
            reason = _why_everything(project, manifest, trusted, interrupted, scope)
            site = render_columns(project, checked, now, t, old_keys, staging, index)
            with t.step("write"):
                _write(project.output, staging, site, old_keys)
        except BaseException:
            discard(staging)
            raise
        manifest.put("keys", site.keys)
        manifest.put("output", identity(project.output))
        manifest.put("scope", scope)
        manifest.save()
        if index is not None:
            index.commit()
    finally:
        if index is not None:
            index.close()
    published = {c: len(catalog.entries) for c, catalog in checked.catalogs.items()}
    built = Built(
        published,
        checked.skipped,
        checked.problems,
        rendered=site.rendered,
        indexed=site.indexed,
        loaded=checked.loaded,
        reason=reason,
    )
    if not errors_of(checked.problems):  # warnings alone: the build is complete
        until = min([a.publish_at for a in checked.articles if a.publish_at and a.publish_at > now], default=None)
        last.put(skip_invalid, Inputs(stamps, now, _next_day(checked.config, now, until), identity(project.output)))
        last.put("published", built.published)
    last.save()
    return built


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
