"""Stage 1, config: the severity of every rule (SPEC 4.2), `severities:` in config.yml over these defaults.

An error is what would make the published site wrong, unsafe or unlawful; a warning is an Annex-2 limit on
what the unit sent, which the site can publish as it is because it makes its own derivatives, or a
punctuation or number slip an editor may fix. The ids are the names of the rules in sitegen/check
(tests/check/test_severities.py keeps the two lists equal).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..core import FieldReader, Severity

SEVERITIES = ("error", "warning")

DEFAULT_SEVERITIES: Mapping[str, Severity] = {
    # every kind
    "unit_registered": "error",
    "review_when_approved": "error",
    "source_when_reprint": "error",
    "title_length": "error",
    "body_length": "warning",  # 字数 (Annex 2)
    "media_readable": "error",
    "image_names": "error",
    "attachment_formats": "error",
    # inline images (Annex 2, item 1)
    "inline_images": "error",  # a format browsers cannot show
    "inline_image_bytes": "warning",  # the site publishes its own resized copies
    "figure_images": "error",
    "figure_image_bytes": "warning",
    # gallery
    "gallery_has_images": "error",
    "gallery_image_format": "error",
    "gallery_image_width": "warning",
    "gallery_image_bytes": "warning",
    "gallery_captions": "warning",  # caption parts 时间、地点、人物、事件
    # media reports
    "media_has_reports": "error",
    "media_report_fields": "error",
    "media_no_images": "warning",  # screenshots are not accepted, but harm no reader
    # video
    "video_present": "error",
    "video_poster": "error",
    "video_format": "error",
    "video_duration": "warning",
    "video_aspect": "warning",
    "video_captions_format": "error",  # a <track> needs WebVTT or SubRip
    "video_captions": "warning",  # GB/T 37668 asks for captions; a missing one must not stop the week's news
    # copy-editing (SPEC 14)
    "serious_expression": "error",  # one 严重表述错误 fails a site inspection (国办秘函〔2019〕19号)
    "punctuation": "warning",  # GB/T 15834-2011
    "numbers": "warning",  # GB/T 15835-2011
    "id_number": "error",  # a citizen's ID number published is unlawful
    "mobile_number": "warning",  # notices do publish contact numbers
}


def read_severities(r: FieldReader, value: object) -> Mapping[str, Severity]:
    """The defaults with config.yml's `severities:` over them; an unknown rule id is an error."""
    given = r.mapping(value if value is not None else {}, ["severities"], allowed=set(DEFAULT_SEVERITIES))
    out = dict(DEFAULT_SEVERITIES)
    for rule, written in given.items():
        if str(rule) not in DEFAULT_SEVERITIES:
            continue  # reported by mapping(), with the closest rule id
        chosen = r.choice(written, ["severities", str(rule)], SEVERITIES)
        if chosen == "error":
            out[str(rule)] = "error"
        elif chosen == "warning":
            out[str(rule)] = "warning"
    return out
