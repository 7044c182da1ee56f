"""Review before publishing: approve and reject in place, the preview's marks and queue, the WeChat copy."""

from .approval import Decided, approve, reject
from .decide import DecisionError
from .preview import STATIC, STATIC_PREFIX, Mark, Preview, build_preview, mark_page, preview_project
from .wechat import WechatArticle, fragment

__all__ = [
    "STATIC",
    "STATIC_PREFIX",
    "Decided",
    "DecisionError",
    "Mark",
    "Preview",
    "WechatArticle",
    "approve",
    "build_preview",
    "fragment",
    "mark_page",
    "preview_project",
    "reject",
]
