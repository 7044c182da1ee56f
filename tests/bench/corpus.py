"""A synthetic corpus in the SPEC 4 format: Chinese paragraphs, headings, lists and links across every section."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]

_WORDS = (
    "职业教育", "产教融合", "校企合作", "技能人才", "实训基地", "活动周", "终身学习", "社区教育", "老年大学",
    "数字化", "课程资源", "工匠精神", "劳动教育", "乡村振兴", "高质量发展", "专业建设", "人才培养", "技能大赛",
    "创新创业", "志愿服务", "读书行动", "学习型社会", "品牌项目", "百姓学习之星", "开放大学", "现代学徒制",
    "实习实训", "双师型教师", "产业学院", "职普融通",
)  # fmt: skip
_PLACES = ("太原", "大同", "朔州", "忻州", "阳泉", "吕梁", "晋中", "长治", "晋城", "临汾", "运城")
_VERBS = ("举办", "开展", "组织", "推进", "启动", "展示", "发布", "召开", "建设", "实施")
_MEDIA_KINDS = {"gallery", "video", "media", "notice"}


def sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(_PLACES)}市{rng.choice(_WORDS)}{rng.choice(_VERBS)}{rng.choice(_WORDS)}"
        f"活动，{rng.choice(_WORDS)}与{rng.choice(_WORDS)}深度融合，参与师生{rng.randint(50, 3000)}人。"
    )


def body(rng: random.Random, paragraphs: int) -> str:
    parts = []
    for index in range(paragraphs):
        if index == 2:
            parts.append(f"## {rng.choice(_WORDS)}{rng.choice(_VERBS)}情况")
        if index == 3:
            parts.append("\n".join(f"- {rng.choice(_WORDS)}：{rng.randint(1, 99)}项" for _ in range(3)))
        text = "".join(sentence(rng) for _ in range(rng.randint(2, 3)))
        if index == 1:
            text += f"详见[{rng.choice(_WORDS)}专题](https://www.example.org/{rng.randint(1, 999)}.html)。"
        parts.append(text)
    return "\n\n".join(parts)


def make_corpus(root: Path, n: int, seed: int = 2024) -> Path:
    """Write config.yml, content/units.yml and `n` approved text articles under `root`, with the shipped theme."""
    if root.exists():
        shutil.rmtree(root)
    (root / "content").mkdir(parents=True)
    link_theme(root)
    shutil.copyfile(REPO / "config.yml", root / "config.yml")
    shutil.copyfile(REPO / "content" / "units.yml", root / "content" / "units.yml")
    config = yaml.safe_load((REPO / "config.yml").read_text(encoding="utf-8"))
    units = [u["name"] for u in yaml.safe_load((root / "content" / "units.yml").read_text(encoding="utf-8"))["units"]]
    sections = [(c, s["id"], s["kind"]) for c, col in config["columns"].items() for s in col["sections"]]
    rng = random.Random(seed)
    for index in range(n):
        column, section, kind = sections[index % len(sections)]
        kind = "news" if kind in _MEDIA_KINDS else kind
        folder = root / "content" / column / section
        folder.mkdir(parents=True, exist_ok=True)
        day = 8 + index % 12
        front = {
            "title": f"{rng.choice(_PLACES)}市{rng.choice(_WORDS)}{rng.choice(_VERBS)}"
            f"{rng.choice(_WORDS)}活动（{index}）",
            "date": f"2024-05-{day:02d} {8 + index % 10:02d}:{index % 60:02d}",
            "unit": rng.choice(units),
            "status": "approved",
            "review": {"by": "宣传部", "date": f"2024-05-{day:02d}"},
            "kind": kind,
            "tags": [rng.choice(_WORDS)],
        }
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body(rng, 5) + "\n"
        (folder / f"article-{index:05d}.md").write_text(text, encoding="utf-8")
    return root


def link_theme(root: Path) -> None:
    """A corpus is a project of its own: it gets the repository's themes/ (a symlink, or a copy where links fail)."""
    try:
        (root / "themes").symlink_to(REPO / "themes", target_is_directory=True)
    except OSError:
        shutil.copytree(REPO / "themes", root / "themes")
