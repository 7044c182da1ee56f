"""The same corpus as a Hugo site, so `make bench` can time Hugo beside this project (SPEC 9 targets are ratios)."""

# The site has layouts of its own, written here, and renders: every article page; a list page per column and per
# section, sections paginated by 20 like config.yml's `pagination`; the home page; Hugo's built-in RSS for the home
# page and every section and its sitemap.xml. Taxonomies are off: our unit and city pages have no Hugo counterpart.
# Hugo writes to disk, as our build does. Hugo makes no search index; a Hugo site with search runs Pagefind on its
# output afterwards (pagefind_argv), which the article pages ask to index (data-pagefind-body) as ours do.

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml
from pagefind_bin_extended import get_executable

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's where it is built: 30,000 files
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

CONFIG = """\
baseURL = "https://bench.example.org/"
languageCode = "zh-CN"
defaultContentLanguage = "zh"
hasCJKLanguage = true
title = "{title}"
timeZone = "{timezone}"
paginate = {pagination}
disableKinds = ["taxonomy", "term"]
"""

BASEOF = """\
<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ .Site.Title }}{{ else }}{{ .Title }} - {{ .Site.Title }}{{ end }}</title>
{{ if .IsPage }}<meta name="description" content="{{ .Summary | plainify | truncate 120 }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header>
<a class="brand" href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
{{ with .FirstSection }}{{ if not .IsHome }}<nav aria-label="栏目"><ul>
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul></nav>{{ end }}{{ end }}
</header>
<main id="main">
{{ if not .IsHome }}<nav class="breadcrumbs"><ol>
{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
<li aria-current="page">{{ .Title }}</li></ol></nav>{{ end }}
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ .Site.Title }} · {{ now.Year }}</p></footer>
</body>
</html>
"""

SINGLE = """\
{{ define "main" }}
<article data-pagefind-body>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2006年1月2日 15:04" }}\
</time>{{ with .Params.unit }} · {{ . }}{{ end }}</p>
{{ .Content }}
</article>
<nav class="pager">
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
{{ end }}
"""

ITEM = """\
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">\
{{ .Date.Format "2006-01-02" }}</time><p>{{ .Summary | plainify | truncate 80 }}</p></li>
"""

LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ if .Sections }}
{{ range .Sections }}<section><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><ul>
{{ range first 5 .Pages }}{{ partial "item.html" . }}{{ end }}</ul></section>
{{ end }}
{{ else }}
<ul>{{ range (.Paginate .Pages).Pages }}{{ partial "item.html" . }}{{ end }}</ul>
{{ with .Paginator }}<nav class="pagination">
{{ with .Prev }}<a rel="prev" href="{{ .URL }}">上一页</a>{{ end }}
<span>第 {{ .PageNumber }} / {{ .TotalPages }} 页</span>
{{ with .Next }}<a rel="next" href="{{ .URL }}">下一页</a>{{ end }}
</nav>{{ end }}
{{ end }}
{{ end }}
"""

HOME = """\
{{ define "main" }}
{{ range .Sections }}<section><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><ul>
{{ range first 10 .RegularPagesRecursive }}{{ partial "item.html" . }}{{ end }}</ul></section>
{{ end }}
{{ end }}
"""

LAYOUTS = {
    "_default/baseof.html": BASEOF,
    "_default/single.html": SINGLE,
    "_default/list.html": LIST,
    "index.html": HOME,
    "partials/item.html": ITEM,
}


def make_hugo_site(corpus: Path, site: Path) -> int:
    """Write `corpus` (a project in the SPEC 4 format) as a Hugo site under `site`; returns the articles written."""
    if site.exists():
        shutil.rmtree(site)
    config = yaml.load((corpus / "config.yml").read_text(encoding="utf-8"), Loader=_Loader)
    timezone = config.get("site", {}).get("timezone", "Asia/Shanghai")
    utc_offset = "+08:00" if timezone == "Asia/Shanghai" else "Z"
    site.mkdir(parents=True)
    (site / "hugo.toml").write_text(
        CONFIG.format(title="基准测试", timezone=timezone, pagination=int(config.get("pagination", 20))),
        encoding="utf-8",
    )
    for name, text in LAYOUTS.items():
        path = site / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    content = site / "content"
    for column, settings in config["columns"].items():
        title = settings.get("title") or settings["editions"][-1]["title"]  # the current edition's
        _index(content / column, title)
        for section in settings["sections"]:
            _index(content / column / section["id"], section["title"])
    written = 0
    for source in sorted((corpus / "content").glob("*/*/*.md")):
        front, body = _split(source.read_text(encoding="utf-8"))
        date = str(front["date"]).strip().replace(" ", "T")
        date += ":00" if date.count(":") == 1 else ""
        hugo_front = {"title": str(front["title"]), "date": date + utc_offset, "unit": str(front.get("unit", ""))}
        target = content / source.parent.parent.name / source.parent.name / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_document(hugo_front, body), encoding="utf-8")
        written += 1
    return written


def _index(folder: Path, title: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "_index.md").write_text(_document({"title": title}, ""), encoding="utf-8")


def _split(text: str) -> tuple[dict[str, object], str]:
    _, front, body = text.split("---\n", 2)
    loaded = yaml.load(front, Loader=_Loader)  # a safe loader
    return dict(loaded), body


def _document(front: dict[str, str], body: str) -> str:
    return "---\n" + yaml.dump(front, Dumper=_Dumper, allow_unicode=True, sort_keys=False) + "---\n" + body


def hugo_argv(hugo: str, site: Path, public: Path) -> list[str]:
    """A cold build to disk: no resources cache (a fresh cache folder, and --ignoreCache), no earlier output."""
    return [hugo, "--quiet", "--source", str(site), "--destination", str(public),
            "--cacheDir", str(site / ".hugo-cache"), "--ignoreCache"]  # fmt: skip


def pagefind_argv(public: Path) -> list[str]:
    """What a Hugo site adds for search: Pagefind, the binary our build runs, on Hugo's output, with its defaults
    (the pages say zh-CN, so it segments Chinese with its own dictionary)."""
    return [str(get_executable()), "--site", str(public), "--quiet"]


def make_hugo_cold(site: Path, public: Path) -> None:
    for folder in (public, site / ".hugo-cache", site / "resources"):
        shutil.rmtree(folder, ignore_errors=True)


def find_hugo(option: str) -> str | None:
    """`--hugo none` skips Hugo; otherwise the program named (looked up on PATH), or None where it is absent."""
    if option == "none":
        return None
    return shutil.which(option)


def hugo_version(hugo: str) -> str:
    result = subprocess.run([hugo, "version"], capture_output=True, text=True, timeout=60, check=False)
    words = result.stdout.split()
    return words[1] if len(words) > 1 else "(version unknown)"


def count_files(public: Path, leave_out: str = "") -> str:
    """What a build wrote: `24,012 files (12,004 HTML, 14 XML)`; not counting the folder `leave_out` of `public`."""
    skipped = public / leave_out if leave_out else None
    files = [path for path in public.rglob("*") if path.is_file() and not (skipped and path.is_relative_to(skipped))]
    html = sum(1 for path in files if path.suffix == ".html")
    xml = sum(1 for path in files if path.suffix == ".xml")
    return f"{len(files):,} files ({html:,} HTML, {xml:,} XML)"
