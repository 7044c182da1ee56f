"""Regenerate every media file that the shipped sample articles in content/ reference.

The files are drawn by tests/media_factory.py (Pillow and PyAV), so the sample
site needs no downloaded media. Output is deterministic: running the script
again rewrites the same bytes.

Usage::

    .venv/bin/python tests/make_sample_media.py            # write all files
    .venv/bin/python tests/make_sample_media.py --list     # show what would be written
    .venv/bin/python tests/make_sample_media.py --only gallery
    .venv/bin/python tests/make_sample_media.py --content /tmp/site/content
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import media_factory as mf  # tests/ is on sys.path when run as a script or under pytest

DEFAULT_CONTENT = Path(__file__).resolve().parent.parent / "content"

MB = 1024 * 1024
GALLERY_BYTES = int(2.3 * MB)  # comfortably inside the 2 MB – 10 MB gallery rule
JINZHONG_VOCATIONAL_PARK = (37.6871, 112.7793)  # 晋中职教港 (approximate)
PROVINCIAL_SENIOR_UNIVERSITY = (37.8706, 112.5489)  # 太原 (approximate)


class MediaJob(NamedTuple):
    """One file to write: its path relative to content/ and how to make it."""

    path: str
    make: Callable[[Path], Path]


def photo(
    path: str,
    width: int,
    height: int,
    *,
    seed: int,
    label: str,
    target_bytes: int | None = None,
    exif_orientation: int | None = None,
    gps: tuple[float, float] | None = None,
    fmt: mf.PhotoFormat = "JPEG",
) -> MediaJob:
    return MediaJob(
        path,
        lambda out: mf.make_photo(
            out,
            width,
            height,
            seed=seed,
            label=label,
            target_bytes=target_bytes,
            exif_orientation=exif_orientation,
            gps=gps,
            fmt=fmt,
        ),
    )


def video(path: str, *, seconds: float, width: int, height: int, label: str, seed: int) -> MediaJob:
    return MediaJob(
        path, functools.partial(mf.make_video, seconds=seconds, width=width, height=height, label=label, seed=seed)
    )


def pdf(path: str, title: str, lines: Sequence[str], *, issuer: str, doc_number: str) -> MediaJob:
    return MediaJob(path, lambda out: mf.make_pdf(out, title, lines, issuer=issuer, doc_number=doc_number))


def xlsx(path: str, rows: Sequence[Sequence[str | int | float | None]], *, sheet_name: str) -> MediaJob:
    return MediaJob(path, lambda out: mf.make_xlsx(out, rows, sheet_name=sheet_name))


def docx(path: str, title: str, paragraphs: Sequence[str]) -> MediaJob:
    return MediaJob(path, lambda out: mf.make_docx(out, title, paragraphs))


# --------------------------------------------------------------------------- document texts
# Digests written for the sample site (not copies of the notices).

DIGEST_NOTE = "本摘编由专栏编辑整理，仅供学习参考，正式文本以发文单位公开发布的版本为准。"

NOTICE_30_VOCATIONAL = [
    "## 一、总体要求",
    "以职业教育法为依据，全面落实立德树人根本任务，宣传现代职业教育体系建设改革成效，大力弘扬劳模精神、劳动精神、"
    "工匠精神，营造全社会关心支持职业教育的良好氛围；同时创新全民终身学习活动载体，助力学习型社会建设。",
    "## 二、时间和主题",
    "职业教育活动周：2024年5月12日至18日，主题为“一技在手，一生无忧”。",
    "全民终身学习活动周：同期举办，主题为“让学习成为一种生活方式”。",
    "## 三、省级层面活动",
    "1. 年度奖项颁奖暨启动仪式：5月12日在晋中职教港举行，晋中市教育局承办。",
    "2. 全省职业学校办学成果宣传展示：同日在晋中职教港举办，各市教育局和高水平职业学校参加。",
    "3. 省级教指委和专委会主题活动：围绕专业建设、教学改革、产教融合、校企合作、国际交流召开专题会议。",
    "## 四、各市各校活动",
    "太原市、运城市为2024年度山西省推介城市。各市各校继续开展技术技能服务、志愿帮扶和“云上活动周”等活动，"
    "精心打造市级亮点活动，开展校友寻访、工匠进校园、校企签约、校园开放日和中小学职业体验等活动。",
    "## 五、宣传重点",
    "普及职业教育法律法规；总结重点任务推进情况；展示数字化战略行动成果；宣传产业学院、市域产教联合体、"
    "行业产教融合共同体的典型案例；宣传职业教育改革典型集体和人物。",
    "## 六、工作要求",
    "活动周结束后一周内填报情况统计表（附件2），5月30日前报送工作总结；活动务求实效，绿色节俭、安全有序。",
    "",
    DIGEST_NOTE,
]

NOTICE_30_LIFELONG = [
    "## 一、主题和时间",
    "全民终身学习活动周主题为“让学习成为一种生活方式”，2024年5月12日至18日举办。",
    "## 二、活动内容",
    "1. 启动仪式与全省职业教育活动周同时在晋中职教港举行，开展终身学习成果、社区老年教育成果等展示，"
    "并在山西全民终身学习在线平台开设活动周专栏。",
    "2. 结合地方特色，利用图书馆、博物馆、科技馆、文化馆等公共文化设施开展沉浸式学习实践。",
    "3. 开展主题阅读、线上社会大讲堂和数字阅读分享等常规学习活动。",
    "4. 开展“百姓学习之星”进校园、进社区、进企业活动。",
    "5. 开展“终身学习品牌项目”巡展，关注“一老一小”，推进书香社区建设。",
    "6. 数字赋能全民学习，推进个人终身学习账户建设，扩大大字版、有声图书资源供给。",
    "## 三、工作要求",
    "各市教育行政部门牵头组织；12月2日前填报《2024年全民终身学习活动开展情况汇总表》（附件3）。",
    "",
    DIGEST_NOTE,
]

NOTICE_31 = [
    "## 一、宣传形式",
    "省级层面：山西工程科技职业大学开设职业教育活动周专栏（政策法律、活动风采、产教融合、职教成果、典型事迹）；"
    "山西开放大学开设全民终身学习活动周专栏（通知文件、各地动态、社会大讲堂、数字悦读、品牌项目、百姓之星、"
    "成果展示、课程资源）；“山西职成教育”公众号直播和报道；人民网山西频道开设专栏。",
    "市校层面：各市、各职业学校在本单位网站开设活动周专栏，并设置飘窗链接两个省级专栏。",
    "## 二、报送主题",
    "特色活动、改革发展重要成果、支撑经济社会发展、典型集体和人物、云上逛校园、职业达人、我的职教生活、"
    "海报大赛、招生宣传及其他活动。",
    "## 三、材料要求",
    "新闻稿等文字稿800字以内，插图每张小于2M；活动集锦文字不超过300字，图片宽不低于2000像素、"
    "单张2M至10M并配说明；媒体报道写明媒体、时间、内容和网址，不用截图；视频不超过3分钟、16:9、MP4格式。",
    "## 四、报送时间",
    "第一阶段至5月12日；第二阶段5月13日至19日每日18时前报送。市教育局每天至少3篇，高职和高水平中职每天至少1篇，"
    "其他省属中职活动周内至少3篇。",
    "## 五、审核",
    "所有稿件须经本单位宣传部门内容审核；活动周结束后将反馈公示各单位稿件采用情况。",
    "",
    DIGEST_NOTE,
]

SUBMISSION_REQUIREMENTS = [
    "一、新闻稿、成果综述、典型案例、人物专访、自述、人物事迹：文字稿，可插入图片，字数控制在800字以内；"
    "引用其他媒体文章须标注来源；插图每张小于2M。",
    "二、活动集锦：文字不超过300字；单张图片为JPG或PNG格式，宽不低于2000像素，大小为2M至10M；"
    "每张图片配简要文字说明（时间、地点、人物、事件）。",
    "三、媒体报道信息：概述媒体名称、发布时间、简要内容和相关网址，不得以截图形式报送。",
    "四、视频：每个视频不超过3分钟，画质清晰，比例16:9，音频无杂音，镜头无晃动，格式为MP4。",
    "五、所有材料须经本单位宣传部门审核。",
    "报送邮箱：sxszjc@163.com，邮件主题和文件名以“学校＋活动主题”命名。",
    DIGEST_NOTE,
]

Row = list[str | int | float | None]
NUMBERED_BLANK_ROWS: list[Row] = [[n] for n in range(1, 6)]

ANNEX_2_ROWS: list[Row] = [
    ["2024年职业教育活动周各市、校情况统计表"],
    [
        "序号",
        "市/高职/省属中职",
        "参与活动的职业学校数",
        "参与活动的职业学校教师数",
        "参与活动的职业学校学生数",
        "参与活动的职业院校学生参与覆盖率",
        "参与活动的企业数",
        "参与总人数",
        "中央媒体对活动报道总数",
        "省级以上媒体对活动报道总数（不含中央媒体报道）",
        "媒体报道总数",
        "观摩体验活动项目数",
        "全民美拍活动人数",
        "媒体探校活动总数",
        "活动周总结",
    ],
    *NUMBERED_BLANK_ROWS,
    ["注：“参与活动的职业学校数”和“活动周总结”市教育局填数字，高职和省属中职填“1”，并将活动周总结一并报送。"],
]

ANNEX_3_ROWS: list[Row] = [
    ["2024年全民终身学习活动开展情况汇总表"],
    ["市级教育行政部门（盖章）：", None, None, None],
    ["联系人及职务", None, "联系方式", None],
    ["县级行政区数", None, None, None],
    ["活动内容开展情况", None, "举办全民终身学习活动周", "开展常规性和特色亮点活动"],
    ["市级行政区", "开展活动行政区数", None, None],
    [None, "活动次数", None, None],
    [None, "参加人次", None, None],
    ["县级行政区", "开展活动行政区数", None, None],
    [None, "活动次数", None, None],
    [None, "参加人次", None, None],
]

SCHEDULE_ROWS: list[Row] = [
    ["日期", "活动", "形式", "参与方式"],
    ["5月12日", "全民终身学习活动周启动仪式成果展", "晋中职教港现场", "现场参观"],
    ["5月13日", "社会大讲堂：科学运动 健康老去", "线上直播", "山西全民终身学习在线平台"],
    ["5月14日", "数字悦读分享会", "线上＋线下", "各市开放大学报名"],
    ["5月15日", "“百姓学习之星”进社区分享会", "线下", "社区学习中心报名"],
    ["5月16日", "老年人智能手机应用公益课", "线下", "社区学习中心报名"],
    ["5月17日", "终身学习品牌项目巡展", "线下", "现场参观"],
    ["5月18日", "活动周线上学习打卡总结", "线上", "山西全民终身学习在线平台"],
]

# --------------------------------------------------------------------------- the manifest

V = "vocational"
L = "lifelong"

JOBS: list[MediaJob] = [
    # vocational/policy: the two notices
    pdf(
        f"{V}/policy/activity-week-plan/notice-digest.pdf",
        "关于办好2024年山西省职业教育活动周暨全民终身学习活动周的通知（要点摘编）",
        NOTICE_30_VOCATIONAL,
        issuer="山西省教育厅等十二部门",
        doc_number="晋教职成函〔2024〕30号",
    ),
    xlsx(f"{V}/policy/activity-week-plan/annex-2-statistics.xlsx", ANNEX_2_ROWS, sheet_name="附件2"),
    pdf(
        f"{V}/policy/publicity-notice/notice-digest.pdf",
        "关于做好2024年山西省职业教育活动周和全民终身学习活动周宣传工作的通知（要点摘编）",
        NOTICE_31,
        issuer="山西省教育厅",
        doc_number="晋教职成函〔2024〕31号",
    ),
    docx(
        f"{V}/policy/publicity-notice/submission-requirements.docx", "报送材料要求（整理稿）", SUBMISSION_REQUIREMENTS
    ),
    # vocational/highlights
    photo(f"{V}/highlights/太原市启动仪式/opening.jpg", 1600, 1067, seed=101, label="一技在手，一生无忧"),
    photo(
        f"{V}/highlights/jinzhong-opening-gallery/photo-1.jpg",
        2800,
        1867,
        seed=111,
        label="2024年山西省职业教育活动周",
        target_bytes=GALLERY_BYTES,
        gps=JINZHONG_VOCATIONAL_PARK,
    ),
    # A portrait photo stored sideways with EXIF Orientation 6, as phones do.
    photo(
        f"{V}/highlights/jinzhong-opening-gallery/photo-2.jpg",
        2400,
        3200,
        seed=112,
        label="一技在手，一生无忧",
        target_bytes=GALLERY_BYTES,
        exif_orientation=6,
    ),
    photo(
        f"{V}/highlights/jinzhong-opening-gallery/photo-3.jpg",
        3000,
        2000,
        seed=113,
        label="让学习成为一种生活方式",
        target_bytes=GALLERY_BYTES,
    ),
    photo(f"{V}/highlights/tourism-college-chefs/noodles.jpg", 1600, 1067, seed=121, label="职业达人 技能展示"),
    photo(f"{V}/highlights/unpublished-scheduled/photo.jpg", 1200, 800, seed=191, label="未发布样稿"),
    # vocational/integration
    photo(
        f"{V}/integration/mechatronics-industry-college/workshop.jpg", 1600, 1067, seed=131, label="智能制造产业学院"
    ),
    photo(f"{V}/integration/unpublished-submitted/photo.jpg", 1200, 800, seed=192, label="未发布样稿"),
    # vocational/achievements
    photo(f"{V}/achievements/pingyao-lacquer-heritage/lacquer.jpg", 1600, 1067, seed=141, label="非遗传承 匠心筑梦"),
    # lifelong/notices
    pdf(
        f"{L}/notices/lifelong-week-plan/notice-digest.pdf",
        "关于办好2024年山西省职业教育活动周暨全民终身学习活动周的通知（全民终身学习活动周部分要点摘编）",
        NOTICE_30_LIFELONG,
        issuer="山西省教育厅等十二部门",
        doc_number="晋教职成函〔2024〕30号",
    ),
    xlsx(f"{L}/notices/lifelong-week-plan/annex-3-summary.xlsx", ANNEX_3_ROWS, sheet_name="附件3"),
    pdf(
        f"{L}/notices/publicity-notice/notice-digest.pdf",
        "关于做好2024年山西省职业教育活动周和全民终身学习活动周宣传工作的通知（要点摘编）",
        NOTICE_31,
        issuer="山西省教育厅",
        doc_number="晋教职成函〔2024〕31号",
    ),
    xlsx(f"{L}/notices/sxou-week-schedule/schedule.xlsx", SCHEDULE_ROWS, sheet_name="活动日程"),
    # lifelong/local-news
    photo(f"{L}/local-news/运城市终身学习活动周启动/opening.jpg", 1600, 1067, seed=201, label="让学习成为一种生活方式"),
    photo(f"{L}/local-news/unpublished-scheduled/photo.jpg", 1200, 800, seed=291, label="未发布样稿"),
    # lifelong/lectures
    video(
        f"{L}/lectures/healthy-aging-lecture/lecture.mp4",
        seconds=10,
        width=640,
        height=360,
        label="社会大讲堂 科学运动 健康老去",
        seed=211,
    ),
    photo(f"{L}/lectures/healthy-aging-lecture/poster.jpg", 1280, 720, seed=212, label="社会大讲堂 科学运动 健康老去"),
    photo(
        f"{L}/lectures/jinshang-culture-lecture/poster.jpg", 1280, 720, seed=213, label="社会大讲堂 晋商文化与诚信精神"
    ),
    video(
        f"{L}/lectures/xinzhou-grain-lecture/lecture.mp4",
        seconds=8,
        width=1024,
        height=576,
        label="小杂粮 大产业",
        seed=214,
    ),
    photo(f"{L}/lectures/xinzhou-grain-lecture/poster.jpg", 1280, 720, seed=215, label="社会大讲堂 小杂粮 大产业"),
    # lifelong/reading
    photo(f"{L}/reading/future-craftsmen-reading/reading.jpg", 1600, 1067, seed=221, label="三晋未来工匠读书行动"),
    photo(f"{L}/reading/unpublished-submitted/photo.jpg", 1200, 800, seed=292, label="未发布样稿"),
    # lifelong/learning-stars
    photo(f"{L}/learning-stars/王秀兰/teaching.jpg", 1600, 1067, seed=231, label="活到老 学到老"),
    # lifelong/showcases: two galleries (one PNG), one summary with an inline image
    photo(
        f"{L}/showcases/calligraphy-exhibition/photo-1.jpg",
        2800,
        1867,
        seed=241,
        label="学员书画摄影作品展",
        target_bytes=GALLERY_BYTES,
        gps=PROVINCIAL_SENIOR_UNIVERSITY,
    ),
    photo(
        f"{L}/showcases/calligraphy-exhibition/photo-2.jpg",
        2400,
        3000,
        seed=242,
        label="让学习成为一种生活方式",
        target_bytes=GALLERY_BYTES,
    ),
    photo(
        f"{L}/showcases/calligraphy-exhibition/photo-3.jpg",
        2600,
        1733,
        seed=243,
        label="活到老 学到老",
        target_bytes=GALLERY_BYTES,
    ),
    photo(
        f"{L}/showcases/jinzhong-learning-fair/photo-1.png",
        2400,
        1600,
        seed=251,
        label="全民终身学习成果展示",
        target_bytes=GALLERY_BYTES,
        fmt="PNG",
    ),
    photo(
        f"{L}/showcases/jinzhong-learning-fair/photo-2.jpg",
        2800,
        1867,
        seed=252,
        label="让学习成为一种生活方式",
        target_bytes=GALLERY_BYTES,
    ),
    photo(f"{L}/showcases/sxou-achievements-roadshow/roadshow.jpg", 1600, 1067, seed=261, label="终身学习成果巡展"),
    # the 2025 sample edition (示例): the current edition's home page leads with these
    photo(
        f"{V}/highlights/example-2025-skills-gallery/photo-1.jpg",
        2800,
        1867,
        seed=301,
        label="示例 职业教育技能展示",
        target_bytes=GALLERY_BYTES,
    ),
    photo(
        f"{V}/highlights/example-2025-skills-gallery/photo-2.jpg",
        2800,
        1867,
        seed=302,
        label="示例 工业机器人体验",
        target_bytes=GALLERY_BYTES,
    ),
    photo(f"{V}/highlights/example-2025-open-campus/workshop.jpg", 1600, 1067, seed=303, label="示例 开放校园日"),
    photo(f"{V}/highlights/example-2025-skills-service/repair.jpg", 1600, 1067, seed=304, label="示例 技能服务队"),
    photo(
        f"{L}/showcases/example-2025-learning-fair-gallery/photo-1.jpg",
        2800,
        1867,
        seed=311,
        label="示例 社区终身学习成果展",
        target_bytes=GALLERY_BYTES,
    ),
    photo(
        f"{L}/showcases/example-2025-learning-fair-gallery/photo-2.jpg",
        2800,
        1867,
        seed=312,
        label="示例 数字阅读体验",
        target_bytes=GALLERY_BYTES,
    ),
    photo(f"{L}/local-news/example-2025-community-class/class.jpg", 1600, 1067, seed=313, label="示例 智能手机课堂"),
    photo(f"{L}/learning-stars/example-2025-learning-star/camera.jpg", 1600, 1067, seed=314, label="示例 社区记录员"),
]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="content folder (default: ./content)")
    parser.add_argument("--only", metavar="TEXT", help="only files whose path contains TEXT")
    parser.add_argument("--list", action="store_true", help="list the files without writing them")
    args = parser.parse_args(argv)

    jobs = [job for job in JOBS if not args.only or args.only in job.path]
    if not jobs:
        print(f"no media path contains {args.only!r}", file=sys.stderr)
        return 2
    total = 0
    for job in jobs:
        out = args.content / job.path
        if args.list:
            print(job.path)
            continue
        job.make(out)
        size = out.stat().st_size
        total += size
        print(f"{size / MB:7.2f} MB  {job.path}")
    if not args.list:
        print(f"{total / MB:7.2f} MB  total, {len(jobs)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
