"""Static site generator for Shanxi's two activity-week web columns (职业教育活动周, 全民终身学习活动周).

The subpackages, lowest layer first. A package imports only from packages on lower lines, and only
through their façade (`from ..images import publish_images`); packages on one line do not import each
other. `tests/architecture/test_layers.py` enforces this and the absence of import cycles.
"""

LAYERS = (
    "core",  # problems and the error root, YAML, fields, slugs, caches, workers
    "config",  # stage 1: config.yml
    "content",  # stages 2–3: sources, units, media facts, typed articles, bodies
    "check",  # stage 4: the submission rules and the catalog of what is published
    "images",  # stage 5: responsive photo derivatives
    "render",  # stage 5: pages, feeds, views, assets
    "banner",  # stage 5: the 飘窗
    "downloads",  # stage 5: logos and posters of each edition (标识、海报下载)
    "search",  # stage 5: the Pagefind index
    "write",  # stage 6: output/ in place, atomically
    "index",  # the persistent build index (SQLite) the build and the reports query
    "build",  # the orchestration: order of the stages, caches
    "review reports intake",  # the editor's day: e-mailed submissions, preview and approval, quotas and forms
    "commands",  # command line and dev server
)
