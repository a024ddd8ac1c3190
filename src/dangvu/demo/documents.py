"""Simulated Party documents of the demo province, January 2024 to today.

* The Tỉnh ủy (BCH, BTV, UBKT, Ban Tổ chức, Ban Tuyên giáo, Văn phòng): resolutions,
  directives, conclusions, programmes, plans, guidance, decisions and reports, numbered per
  issuer, type and term (2020-2025, then 2025-2030 after the provincial congress).
* The district committees (until they end on 01/7/2025) and a sample of old communes: plans
  implementing the province's resolutions.
* Every new commune (from 01/7/2025): its first congress resolution (term 2025-2030) and a
  plan or action programme implementing a province resolution; a few cells of commune A
  (the demo persona's): monthly resolutions, numbered per year.
* Relations: plans implement resolutions, guidance guides, a new working regulation
  replaces the old one, a decision amends it.

Everything goes through ``documents.services`` (``bulk_create_documents``: the same checks as
the form, one audit entry per batch; ``link_documents`` for the relations). Deterministic
for a seed; the same size at any scale except for the number of communes.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from dangvu.accounts.models import RoleAssignment
from dangvu.documents.models import Document, DocumentType, RelationKind
from dangvu.documents.services import bulk_create_documents, link_documents
from dangvu.orgs.models import Unit, UnitVersion

REFORM = date(2025, 7, 1)
PROVINCE_CONGRESS = date(2025, 10, 14)
OLD_TERM, NEW_TERM = "2020-2025", "2025-2030"
MAX_OLD_COMMUNES = 12
MAX_NEW_COMMUNES = 25
CELLS_OF_COMMUNE_A = 2
CELL_MONTH_SHARE = 0.4  # months in which a sampled cell's resolution is registered

# (month, day, type, body, agency, title); a title may name {nq} (a province resolution)
PROVINCE_YEAR = {
    2024: [
        (1, 12, "CTr", "btv", "TU", "Chương trình công tác kiểm tra, giám sát năm 2024"),
        (1, 26, "KH", "btv", "TU", "Kế hoạch triển khai nhiệm vụ công tác xây dựng Đảng năm 2024"),
        (
            2,
            22,
            "NQ",
            "bch",
            "TU",
            "Nghị quyết về đẩy mạnh chuyển đổi số trong các cơ quan đảng "
            "đến năm 2025, định hướng đến năm 2030",
        ),
        (
            3,
            8,
            "HD",
            "btc",
            "BTCTU",
            "Hướng dẫn thực hiện {nq} về chuyển đổi số trong các cơ quan đảng",
        ),
        (
            3,
            19,
            "CT",
            "btv",
            "TU",
            "Chỉ thị về tăng cường công tác phát triển đảng viên ở khu "
            "dân cư, doanh nghiệp ngoài khu vực nhà nước",
        ),
        (
            4,
            10,
            "KL",
            "btv",
            "TU",
            "Kết luận về kết quả thực hiện Chỉ thị 05-CT/TW của Bộ Chính "
            "trị về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        ),
        (
            5,
            16,
            "NQ",
            "bch",
            "TU",
            "Nghị quyết về xây dựng nông thôn mới kiểu mẫu giai đoạn 2024-2025",
        ),
        (
            6,
            5,
            "CTHĐ",
            "btv",
            "TU",
            "Chương trình hành động thực hiện Nghị quyết 35-NQ/TW của "
            "Bộ Chính trị về bảo vệ nền tảng tư tưởng của Đảng",
        ),
        (
            6,
            27,
            "QĐ",
            "ubkt",
            "UBKTTU",
            "Quyết định kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát năm 2024",
        ),
        (7, 18, "BC", "btv", "TU", "Báo cáo sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2024"),
        (8, 29, "HD", "btg", "BTGTU", "Hướng dẫn tổ chức học tập chuyên đề năm 2024"),
        (
            9,
            12,
            "TB",
            "vp",
            "VPTU",
            "Thông báo kết luận của Ban Thường vụ Tỉnh ủy về công tác "
            "chuẩn bị đại hội đảng bộ các cấp",
        ),
        (
            10,
            3,
            "CT",
            "btv",
            "TU",
            "Chỉ thị về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu lần thứ XII Đảng bộ tỉnh",
        ),
        (
            10,
            24,
            "HD",
            "btc",
            "BTCTU",
            "Hướng dẫn công tác nhân sự đại hội đảng bộ cấp cơ sở, nhiệm kỳ 2025-2030",
        ),
        (
            12,
            18,
            "BC",
            "btv",
            "TU",
            "Báo cáo kết quả công tác xây dựng Đảng năm 2024, phương hướng nhiệm vụ năm 2025",
        ),
    ],
    2025: [
        (
            1,
            9,
            "KH",
            "btv",
            "TU",
            "Kế hoạch tổng kết thực hiện Nghị quyết 18-NQ/TW về sắp xếp "
            "tổ chức bộ máy của hệ thống chính trị",
        ),
        (
            2,
            14,
            "ĐA",
            "btv",
            "TU",
            "Đề án sắp xếp, tổ chức lại đơn vị hành chính cấp xã và tổ chức đảng ở cơ sở",
        ),
        (
            3,
            6,
            "NQ",
            "bch",
            "TU",
            "Nghị quyết về sắp xếp tổ chức đảng cấp huyện, cấp xã và "
            "kiện toàn tổ chức đảng ở cơ sở",
        ),
        (3, 20, "HD", "btc", "BTCTU", "Hướng dẫn thực hiện {nq} về sắp xếp tổ chức đảng ở cơ sở"),
        (
            4,
            17,
            "QC",
            "bch",
            "TU",
            "Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khóa XI, nhiệm kỳ 2020-2025",
        ),
        (
            5,
            22,
            "QĐ",
            "btv",
            "TU",
            "Quyết định thành lập các tiểu ban phục vụ Đại hội Đảng bộ tỉnh lần thứ XII",
        ),
        (
            6,
            30,
            "TB",
            "vp",
            "VPTU",
            "Thông báo kết luận về việc kết thúc hoạt động của các đảng "
            "bộ cấp huyện từ ngày 01/7/2025",
        ),
        (
            7,
            10,
            "HD",
            "btc",
            "BTCTU",
            "Hướng dẫn tổ chức đại hội đảng bộ xã, phường lần thứ I, nhiệm kỳ 2025-2030",
        ),
        (8, 7, "KH", "btg", "BTGTU", "Kế hoạch tuyên truyền Đại hội Đảng bộ tỉnh lần thứ XII"),
        (9, 18, "BC", "btv", "TU", "Báo cáo chính trị trình Đại hội Đảng bộ tỉnh lần thứ XII"),
        # the new term (after the congress of October 2025): numbers start again at 01
        (
            10,
            20,
            "NQ",
            "bch",
            "TU",
            "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XII, nhiệm kỳ 2025-2030",
        ),
        (
            10,
            31,
            "QC",
            "bch",
            "TU",
            "Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khóa XII, nhiệm kỳ 2025-2030",
        ),
        (11, 7, "CTHĐ", "btv", "TU", "Chương trình hành động thực hiện {nq}"),
        (
            11,
            21,
            "KH",
            "btc",
            "BTCTU",
            "Kế hoạch kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm 2025",
        ),
        (
            12,
            12,
            "QĐ",
            "btv",
            "TU",
            "Quyết định sửa đổi, bổ sung một số điều của Quy chế làm "
            "việc của Ban Chấp hành Đảng bộ tỉnh khóa XII",
        ),
        (
            12,
            19,
            "BC",
            "btv",
            "TU",
            "Báo cáo kết quả công tác xây dựng Đảng năm 2025, phương hướng nhiệm vụ năm 2026",
        ),
    ],
    2026: [
        (1, 8, "CTr", "btv", "TU", "Chương trình công tác kiểm tra, giám sát năm 2026"),
        (1, 22, "KH", "btv", "TU", "Kế hoạch triển khai nhiệm vụ công tác xây dựng Đảng năm 2026"),
        (
            2,
            26,
            "NQ",
            "bch",
            "TU",
            "Nghị quyết về phát triển đội ngũ cán bộ cơ sở đáp ứng yêu "
            "cầu chính quyền địa phương hai cấp",
        ),
        (3, 12, "HD", "btc", "BTCTU", "Hướng dẫn thực hiện {nq} về đội ngũ cán bộ cơ sở"),
        (4, 16, "CT", "btv", "TU", "Chỉ thị về nâng cao chất lượng sinh hoạt chi bộ"),
        (5, 21, "KL", "btv", "TU", "Kết luận về công tác dân vận trong tình hình mới"),
        (7, 16, "BC", "btv", "TU", "Báo cáo sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2026"),
        (9, 10, "TB", "vp", "VPTU", "Thông báo kết luận của Thường trực Tỉnh ủy về chuyển đổi số"),
        (11, 5, "HD", "btg", "BTGTU", "Hướng dẫn học tập chuyên đề năm 2027"),
    ],
}
DISTRICT_TITLES = [
    ("KH", "btv", "Kế hoạch thực hiện {nq} của Ban Chấp hành Đảng bộ tỉnh"),
    ("CTr", "btv", "Chương trình kiểm tra, giám sát năm {year}"),
    ("BC", "btv", "Báo cáo kết quả công tác xây dựng Đảng năm {year}"),
]
OLD_COMMUNE_TITLES = [
    ("KH", "btv", "Kế hoạch thực hiện {nq}"),
    ("NQ", "bch", "Nghị quyết về nhiệm vụ phát triển kinh tế - xã hội năm {year}"),
]
NEW_COMMUNE_TITLES = [
    ("NQ", "bch", "Nghị quyết Đại hội đại biểu Đảng bộ {name} lần thứ I, nhiệm kỳ 2025-2030"),
    ("KH", "btv", "Kế hoạch thực hiện {nq} của Ban Chấp hành Đảng bộ tỉnh"),
    ("CTHĐ", "btv", "Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ {name}"),
    ("KH", "btv", "Kế hoạch học tập, quán triệt {nq}"),
]
CELL_MONTHS = [
    "Nghị quyết chi bộ tháng {month}/{year} về nhiệm vụ trọng tâm",
]


def _term(day: date, *, new_from: date) -> str:
    return NEW_TERM if day >= new_from else OLD_TERM


class _Numbers:
    """Numbers per issuing unit, agency, type and period, from a plausible start."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.last: dict[tuple, int] = {}

    def next(self, unit: Unit, agency: str, code: str, period: str, *, fresh: bool) -> str:
        key = (unit.pk, agency, code, period)
        if key not in self.last:
            self.last[key] = 0 if fresh else self.rng.randint(8, 60)
        self.last[key] += 1 if fresh else self.rng.randint(1, 4)
        return f"{self.last[key]:02d}"


def _alive(unit: Unit, day: date) -> bool:
    return unit.created_on <= day and (unit.ended_on is None or day < unit.ended_on)


def _day_in(rng: random.Random, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _units(province: Unit, kind_code: str, *, ended: bool | None = None):
    qs = Unit.objects.subtree_of(province).filter(kind__code=kind_code)
    if ended is True:
        qs = qs.filter(ended_on__isnull=False)
    elif ended is False:
        qs = qs.filter(ended_on__isnull=True)
    return list(qs.order_by("path"))


def _commune_a(province: Unit, new_communes: list[Unit]) -> Unit | None:
    held = (
        RoleAssignment.objects.filter(user__username="xa_a", unit__in=new_communes)
        .select_related("unit")
        .first()
    )
    return held.unit if held else (new_communes[0] if new_communes else None)


def populate(
    *, rng: random.Random, province: Unit, start: date, end: date, say=print
) -> dict[str, int]:
    types = {t.code: t for t in DocumentType.objects.all()}
    numbers = _Numbers(rng)
    # ---------------------------------------------------------------- province
    items: list[dict] = []
    for year, rows in PROVINCE_YEAR.items():
        for month, dom, code, body, agency, title in rows:
            day = date(year, month, dom)
            if not (start <= day <= end) or not _alive(province, day):
                continue
            term = _term(day, new_from=PROVINCE_CONGRESS)
            items.append(
                {
                    "unit": province,
                    "body": body,
                    "agency": agency,
                    "doc_type": types[code],
                    "number": numbers.next(province, agency, code, term, fresh=term == NEW_TERM),
                    "date": day,
                    "term": term,
                    "title": title,
                    "summary": "",
                }
            )
    # a guidance names the resolution just before it
    resolutions: list[dict] = []
    for item in items:
        if item["doc_type"].code == "NQ":
            resolutions.append(item)
        if "{nq}" in item["title"]:
            item["guides"] = resolutions[-1] if resolutions else None
            item["title"] = item["title"].format(nq=_named(resolutions[-1]) if resolutions else "")
    province_docs = _create(items, reason="Dữ liệu mô phỏng: văn bản của Tỉnh ủy")
    by_item = dict(zip(map(id, items), province_docs, strict=True))
    province_nqs = [by_item[id(i)] for i in items if i["doc_type"].code == "NQ"]
    relations: list[tuple[Document, Document, str]] = []
    for item in items:
        if item.get("guides") is not None:
            kind = RelationKind.GUIDES if item["doc_type"].code == "HD" else RelationKind.IMPLEMENTS
            relations.append((by_item[id(item)], by_item[id(item["guides"])], kind))
    regulations = [d for d in province_docs if d.doc_type.code == "QC"]
    if len(regulations) >= 2:
        relations.append((regulations[1], regulations[0], RelationKind.REPLACES))
    amending = [d for d in province_docs if d.doc_type.code == "QĐ" and "sửa đổi" in d.title]
    if amending and regulations:
        relations.append((amending[0], regulations[-1], RelationKind.AMENDS))

    # ---------------------------------------------------------------- lower levels
    lower: list[tuple[dict, Document | None]] = []

    def resolution_before(day: date) -> Document | None:
        earlier = [d for d in province_nqs if d.date < day]
        return rng.choice(earlier[-3:]) if earlier else None

    def add(unit, agency, code, body, title, day, *, term, implements=True):
        nq = resolution_before(day) if "{nq}" in title else None
        if "{nq}" in title and nq is None:
            return
        period = term or str(day.year)
        item = {
            "unit": unit,
            "body": body,
            "agency": agency,
            "doc_type": types[code],
            "number": numbers.next(unit, agency, code, period, fresh=unit.created_on >= REFORM),
            "date": day,
            "term": term,
            "title": title.format(
                nq=_named_doc(nq) if nq else "",
                year=day.year,
                name=_short_name(unit),
                month=day.month,
            ),
            "summary": "",
        }
        lower.append((item, nq if implements else None))

    old_end = min(end, REFORM - timedelta(days=1))
    if start <= old_end:
        for district in _units(province, "huyen"):
            agency = "HU" if " huyện " in f" {district.name} " else "TU"
            for code, body, title in DISTRICT_TITLES:
                day = _day_in(rng, max(start, date(2024, 3, 1)), old_end)
                if _alive(district, day):
                    add(district, agency, code, body, title, day, term=OLD_TERM)
        old_communes = [
            u for u in _units(province, "dang_bo_co_so", ended=True) if u.ended_on == REFORM
        ]
        for commune in rng.sample(old_communes, min(MAX_OLD_COMMUNES, len(old_communes))):
            code, body, title = rng.choice(OLD_COMMUNE_TITLES)
            day = _day_in(rng, max(start, date(2024, 4, 1)), old_end)
            if _alive(commune, day):
                add(commune, "ĐU", code, body, title, day, term=OLD_TERM)
    new_communes = _units(province, "xa", ended=False)
    commune_a = _commune_a(province, new_communes)
    if end >= REFORM:
        chosen = new_communes[:MAX_NEW_COMMUNES]
        if commune_a is not None and commune_a not in chosen:
            chosen.append(commune_a)
        for commune in chosen:
            congress = _day_in(rng, date(2025, 7, 20), min(end, date(2025, 9, 15)))
            titles = NEW_COMMUNE_TITLES[:1] + rng.sample(NEW_COMMUNE_TITLES[1:], 1)
            if commune == commune_a:
                titles = NEW_COMMUNE_TITLES
            for index, (code, body, title) in enumerate(titles):
                day = congress if index == 0 else _day_in(rng, congress, end)
                if _alive(commune, day):
                    add(commune, "ĐU", code, body, title, day, term=NEW_TERM)
        if commune_a is not None:
            cells = (
                UnitVersion.objects.filter(parent=commune_a, valid_to__isnull=True)
                .filter(kind__is_cell=True)
                .select_related("unit")
                .order_by("sort_key")[:CELLS_OF_COMMUNE_A]
            )
            for version in cells:
                month = max(start, REFORM, version.unit.created_on).replace(day=1)
                while month <= end:
                    day = month + timedelta(days=min(rng.randint(2, 8), 27))
                    if day <= end and _alive(version.unit, day) and rng.random() < CELL_MONTH_SHARE:
                        add(
                            version.unit,
                            "CB",
                            "NQ",
                            "chi_bo",
                            CELL_MONTHS[0],
                            day,
                            term="",
                            implements=False,
                        )
                    month = (month + timedelta(days=32)).replace(day=1)
    lower_docs = _create([i for i, _ in lower], reason="Dữ liệu mô phỏng: văn bản cấp dưới")
    for document, (_item, nq) in zip(lower_docs, lower, strict=True):
        if nq is not None:
            relations.append((document, nq, RelationKind.IMPLEMENTS))
    for source, target, kind in relations:
        link_documents(actor=None, source=source, target=target, kind=kind)
    total = len(province_docs) + len(lower_docs)
    say(f"  Đã tạo {total} văn bản ({len(province_docs)} của Tỉnh ủy), {len(relations)} quan hệ.")
    return {
        "documents": total,
        "province_documents": len(province_docs),
        "lower_documents": len(lower_docs),
        "document_relations": len(relations),
    }


def _create(items: list[dict], *, reason: str) -> list[Document]:
    clean = [{k: v for k, v in item.items() if k != "guides"} for item in items]
    return bulk_create_documents(actor=None, items=clean, reason=reason)


def _named(item: dict) -> str:
    return f"Nghị quyết số {item['number']}-NQ/{item['agency']}"


def _named_doc(document: Document) -> str:
    return f"Nghị quyết số {document.symbol}"


def _short_name(unit: Unit) -> str:
    return unit.name.removeprefix("Đảng bộ ").strip()
