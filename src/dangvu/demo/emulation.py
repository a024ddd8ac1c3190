"""The demo's emulation records, January 2024 to today, across the 2025 reform.

For each year: the province's "Chi bộ 4 tốt" / "Đảng bộ cơ sở 4 tốt" criteria (four
criteria, the first one required); pledges by 93–98% of the cells and grassroots committees
that exist at the year's end (so 2025 is pledged by the units after the reform), and for each
year that has ended their results decided by the unit above (about 80% đạt); "học tập và làm
theo" registrations by 97–99% of the collectives and 95–99% of the members expected; models
and examples per commune (about 40% collectives, 60% individuals), "Dân vận khéo" models
moving through their steps, and "bí thư chi bộ tiêu biểu" and other recognitions. Written
through the emulation services (bulk variants, one audit entry per batch).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from dangvu.emulation import services
from dangvu.emulation.code_tables import load_defaults
from dangvu.emulation.models import (
    DvkState,
    ExampleKind,
    Field,
    Movement,
    RecognitionKind,
    Result,
    Target,
)
from dangvu.emulation.selectors import expected_members, year_day
from dangvu.orgs.models import UnitVersion
from dangvu.orgs.tree_paths import path_range, path_within
from dangvu.vntext.formats import format_number

CRITERIA = [
    ("1", "Chính trị, tư tưởng tốt: chấp hành nghiêm đường lối, chủ trương của Đảng", True),
    ("2", "Đoàn kết, kỷ luật tốt; không có đảng viên vi phạm phải xử lý kỷ luật", False),
    ("3", "Sinh hoạt chi bộ nền nếp, chất lượng; tỷ lệ đảng viên dự sinh hoạt trên 85%", False),
    ("4", "Lãnh đạo hoàn thành tốt nhiệm vụ chính trị, phát triển kinh tế – xã hội", False),
]
COLLECTIVE_TITLES = [
    ("xay_dung_dang", "Xây dựng chi bộ mạnh gắn với trách nhiệm nêu gương"),
    ("nong_thon_moi", "Làng 3 sạch: sạch nhà, sạch ngõ, sạch đồng"),
    ("nong_thon_moi", "Hiến đất làm đường giao thông nông thôn"),
    ("moi_truong", "Ngày chủ nhật xanh"),
    ("moi_truong", "Tuyến đường xanh, sạch, đẹp, an toàn giao thông"),
    ("an_sinh", "Mái ấm tình thương cho hộ nghèo"),
    ("quoc_phong_an_ninh", "Tổ tự quản an ninh trật tự khu dân cư"),
    ("cai_cach_hanh_chinh", "Chi bộ số: sinh hoạt, nhắc lịch qua ứng dụng"),
    ("kinh_te", "Tổ hợp tác sản xuất rau an toàn"),
    ("van_hoa_xa_hoi", "Câu lạc bộ văn nghệ dân gian của thôn"),
]
INDIVIDUAL_TITLES = [
    ("kinh_te", "Đảng viên làm kinh tế giỏi, giúp đỡ hộ nghèo"),
    ("an_sinh", "Đảng viên nhận đỡ đầu học sinh có hoàn cảnh khó khăn"),
    ("giao_duc", "Giáo viên tận tụy với học trò vùng khó"),
    ("y_te", "Thầy thuốc như mẹ hiền ở trạm y tế xã"),
    ("nong_thon_moi", "Đảng viên tiên phong hiến đất mở đường"),
    ("xay_dung_dang", "Bí thư chi bộ gần dân, sát dân"),
    ("cai_cach_hanh_chinh", "Cán bộ một cửa tận tình, đúng hẹn"),
]
DVK_TITLES = [
    ("nong_thon_moi", "Dân vận khéo trong giải phóng mặt bằng"),
    ("an_sinh", "Dân vận khéo trong xây dựng nhà đại đoàn kết"),
    ("moi_truong", "Dân vận khéo trong phân loại rác tại nguồn"),
    ("kinh_te", "Dân vận khéo trong chuyển đổi cây trồng, vật nuôi"),
    ("cai_cach_hanh_chinh", "Dân vận khéo trong hướng dẫn dịch vụ công trực tuyến"),
]


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


def _units_on(province, day: date) -> list[UnitVersion]:
    low, high = path_range(province.path)
    return list(
        UnitVersion.objects.valid_on(day)
        .filter(path__gte=low, path__lt=high)
        .select_related("kind", "unit")
        .order_by("path")
    )


def _criteria(province, year: int) -> dict:
    sets = {}
    for target in Target.values:
        existing = services.criteria_for(province, year, target)
        sets[target] = existing or services.save_criteria_set(
            actor=None,
            province=province,
            year=year,
            target=target,
            title=f"Tiêu chí “{Target(target).label}” năm {year}",
            decision_ref=f"{year % 100:02d}-HD/BTCTU",
            criteria=[{"code": c, "text": t, "weight": 25, "required": r} for c, t, r in CRITERIA],
            pass_score=75,
        )
    return sets


def _pledges(rng, year, day, end, versions, sets) -> tuple[list[dict], int]:
    rows, evaluated = [], 0
    by_id = {v.unit_id: v for v in versions}
    finished = date(year, 12, 20) <= end
    rate = rng.uniform(0.93, 0.98)
    for v in versions:
        target = (
            Target.CELL if v.kind.is_cell else Target.COMMITTEE if v.kind.is_grassroots else None
        )
        if target is None or rng.random() > rate:
            continue
        first = max(date(year, 1, 10), v.valid_from)
        pledged_on = _day(rng, first, min(first + timedelta(days=60), day, end))
        row = {"unit": v.unit, "year": year, "pledged_on": pledged_on, "note": ""}
        parent = by_id.get(v.parent_id)
        if finished and parent is not None:
            criteria = list(sets[target].criteria.all())
            passed = rng.random() < 0.8
            failed_code = rng.choice(criteria[1:]).code if not passed else None
            row["evaluation"] = {
                "decided_by": parent.unit,
                "decided_on": max(date(year, 12, 20), v.valid_from, parent.valid_from),
                "results": {
                    c.code: (c.code != failed_code, 0 if c.code == failed_code else 25)
                    for c in criteria
                },
                "result": Result.PASSED if passed else Result.FAILED,
                "decision_ref": f"{rng.randint(10, 99)}-QĐ/ĐU",
            }
            evaluated += 1
        rows.append(row)
    return rows, evaluated


def populate(*, rng: random.Random, province, start: date, end: date, say=print) -> dict:
    if not Field.objects.exists():  # after a PostgreSQL flush
        load_defaults(Field, RecognitionKind)
    fields = {f.code: f for f in Field.objects.all()}
    kinds = {k.code: k for k in RecognitionKind.objects.all()}
    counts = dict.fromkeys(
        [
            "emulation_pledges",
            "emulation_evaluations",
            "emulation_registrations",
            "emulation_examples",
            "emulation_dan_van_kheo",
            "emulation_recognitions",
        ],
        0,
    )
    for year in range(start.year, end.year + 1):
        day = min(year_day(year), end)
        versions = _units_on(province, day)
        if not versions:
            continue
        sets = _criteria(province, year)
        rows, evaluated = _pledges(rng, year, day, end, versions, sets)
        counts["emulation_pledges"] += services.bulk_pledge_and_evaluate(
            actor=None, rows=rows, reason="Dữ liệu mô phỏng"
        )
        counts["emulation_evaluations"] += evaluated

        # làm theo: the collectives below the province and the members expected
        registrations = []
        collective_rate, member_rate = rng.uniform(0.97, 0.99), rng.uniform(0.95, 0.99)
        for v in versions:
            if v.unit_id == province.pk or rng.random() > collective_rate:
                continue
            first = max(date(year, 2, 1), v.valid_from)
            registrations.append(
                {
                    "unit": v.unit,
                    "registered_on": _day(rng, first, min(first + timedelta(days=45), day)),
                    "content": "Đăng ký học tập và làm theo chuyên đề năm",
                }
            )
        periods = list(
            expected_members(province, year).select_related("member", "unit").order_by("id")
        )
        by_unit: dict[int, list] = {}
        for period in periods:
            by_unit.setdefault(period.unit_id, []).append(period)
            if rng.random() > member_rate:
                continue
            first = max(date(year, 2, 1), period.start)
            registrations.append(
                {
                    "member": period.member,
                    "period": period,
                    "registered_on": _day(rng, first, min(first + timedelta(days=45), day)),
                    "content": "Rèn luyện đạo đức, lối sống; gương mẫu nơi cư trú",
                }
            )
        counts["emulation_registrations"] += services.bulk_register(
            actor=None, year=year, rows=registrations, reason="Dữ liệu mô phỏng"
        )

        # models and examples, Dân vận khéo: per commune-level unit
        by_id = {v.unit_id: v for v in versions}
        communes = [
            v
            for v in versions
            if v.kind.code == "xa"
            or (v.kind.code == "dang_bo_co_so" and by_id[v.parent_id].kind.code == "huyen")
        ]
        examples = []
        finished = date(year, 11, 1) <= end
        for commune in communes:
            inside = [v for v in versions if path_within(v.path, commune.path)]
            # members already at home there before the earliest recognition day (1/10)
            members = [
                p
                for v in inside
                for p in by_unit.get(v.unit_id, [])
                if p.start <= date(year, 10, 1)
            ]
            for _ in range(rng.randint(1, 3)):
                code, title = rng.choice(COLLECTIVE_TITLES)
                unit = rng.choice(inside)
                examples.append(
                    _example(rng, year, end, unit.unit, None, code, title, fields, commune)
                )
            for _ in range(rng.randint(1, 4) if members else 0):
                code, title = rng.choice(INDIVIDUAL_TITLES)
                period = rng.choice(members)
                examples.append(
                    _example(rng, year, end, None, period.member, code, title, fields, commune)
                )
            if rng.random() < 0.8:
                code, title = rng.choice(DVK_TITLES)
                row = _example(rng, year, end, commune.unit, None, code, title, fields, commune)
                row["movement"] = Movement.DAN_VAN_KHEO
                row["kind"] = ExampleKind.GOOD_PRACTICE
                step = rng.random()
                if finished and step < 0.55:
                    row["state"] = DvkState.EFFECTIVE
                elif finished and step < 0.85:
                    row["state"] = DvkState.EVALUATED
                    row.update(recognised_by=None, recognised_on=None, decision_ref="")
                else:
                    row["state"] = DvkState.REGISTERED
                    row.update(recognised_by=None, recognised_on=None, decision_ref="")
                examples.append(row)
        created = services.bulk_create_examples(
            actor=None, rows=examples, reason="Dữ liệu mô phỏng"
        )
        counts["emulation_examples"] += created
        counts["emulation_dan_van_kheo"] += sum(
            1 for e in examples if e.get("movement") == Movement.DAN_VAN_KHEO
        )

        # recognitions: a few cell secretaries and members a year, by the province
        if date(year, 12, 1) <= end:
            settled = {
                unit_id: [p for p in periods if p.start <= date(year, 12, 1)]
                for unit_id, periods in by_unit.items()
            }
            cells = [v for v in versions if v.kind.is_cell and settled.get(v.unit_id)]
            chosen = rng.sample(cells, min(len(cells), max(2, len(cells) // 40)))
            for v in chosen:
                period = rng.choice(settled[v.unit_id])
                code = rng.choice(["bi_thu_chi_bo_tieu_bieu"] * 3 + ["dang_vien_tieu_bieu"])
                services.record_recognition(
                    actor=None,
                    kind=kinds[code],
                    member=period.member,
                    year=year,
                    recognised_by=province,
                    recognised_on=date(year, 12, 1),
                    decision_ref=f"{rng.randint(100, 999)}-QĐ/TU",
                )
                counts["emulation_recognitions"] += 1
    say(
        f"  Đã tạo {format_number(counts['emulation_pledges'])} đăng ký 4 tốt, "
        f"{format_number(counts['emulation_registrations'])} đăng ký làm theo, "
        f"{format_number(counts['emulation_examples'])} mô hình, "
        f"{format_number(counts['emulation_recognitions'])} lượt biểu dương."
    )
    return counts


def _example(rng, year, end, unit, member, code, title, fields, commune) -> dict:
    recognised_on = min(date(year, rng.randint(10, 12), rng.randint(1, 28)), end)
    return {
        "kind": rng.choice(
            [ExampleKind.GOOD_MODEL] * 3 + [ExampleKind.GOOD_PRACTICE] * 2 + [ExampleKind.ADVANCED]
        ),
        "movement": Movement.LAM_THEO,
        "title": title,
        "unit": unit,
        "member": member,
        "field": fields[code],
        "year": year,
        "description": "",
        "recognised_by": commune.unit,
        "recognised_body": "",
        "decision_ref": f"{rng.randint(10, 99)}-QĐ/ĐU",
        "recognised_on": recognised_on if recognised_on.year >= year else None,
    }
