"""The demo's citizen engagement, January 2024 to today, across the 2025 reform.

Feedback (ý kiến, kiến nghị) reaches the province, the districts (until 30/06/2025) and the
communes — the old ones before the reform, the new ones after it — through every channel;
each is routed within a few days to the committee above or to an outside agency with a due
date of 15 or 30 days; about 93% are answered or referred, most on time, some late, and
some routed ones are overdue today; older answered ones are closed. Every committee selects
1–2 pressing issues a year; about 82% of those of past years are resolved. Written through
:func:`dangvu.citizens.services.bulk_record_feedback` and :func:`~.bulk_select_issues`
(checked, one audit entry per batch).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from dangvu.citizens.codes import load_default_codes
from dangvu.citizens.models import Channel, FeedbackState, IssueState, Sector
from dangvu.citizens.services import bulk_record_feedback, bulk_select_issues
from dangvu.demo.study import _communes_on, _districts_on
from dangvu.orgs.models import Unit

REFORM = date(2025, 7, 1)
S = FeedbackState

CONTENT = {
    "dat_dai": [
        "Đề nghị giải quyết tranh chấp ranh giới đất giữa các hộ tại {place}.",
        "Phản ánh việc lấn chiếm đất công làm lối đi chung ở {place}.",
    ],
    "giai_phong_mat_bang": [
        "Kiến nghị xem xét lại mức bồi thường, hỗ trợ khi giải phóng mặt bằng dự án đường "
        "qua {place}.",
        "Đề nghị sớm bố trí tái định cư cho các hộ bị thu hồi đất tại {place}.",
    ],
    "giay_chung_nhan": [
        "Đề nghị đẩy nhanh việc cấp giấy chứng nhận quyền sử dụng đất cho các hộ ở {place}.",
        "Phản ánh hồ sơ cấp đổi giấy chứng nhận quyền sử dụng đất chậm giải quyết.",
    ],
    "giao_thong": [
        "Đề nghị sửa chữa tuyến đường liên thôn bị xuống cấp tại {place}.",
        "Kiến nghị lắp đèn chiếu sáng và biển báo tại nút giao gần trường học ở {place}.",
    ],
    "moi_truong": [
        "Phản ánh mùi hôi từ cơ sở chăn nuôi ảnh hưởng khu dân cư {place}.",
        "Đề nghị tăng tần suất thu gom rác thải sinh hoạt tại {place}.",
    ],
    "an_sinh_xa_hoi": [
        "Đề nghị xem xét chế độ trợ cấp cho người cao tuổi, người khuyết tật ở {place}.",
        "Kiến nghị hỗ trợ sửa chữa nhà cho hộ nghèo tại {place}.",
    ],
    "sau_thanh_tra": [
        "Đề nghị công khai kết quả xử lý sau thanh tra việc quản lý quỹ đất công ích.",
    ],
    "khac": [
        "Kiến nghị nâng cấp nhà văn hóa thôn phục vụ sinh hoạt cộng đồng ở {place}.",
        "Đề nghị bổ sung giáo viên cho điểm trường tại {place}.",
    ],
}
SECTOR_WEIGHTS = {
    "dat_dai": 18,
    "giai_phong_mat_bang": 12,
    "giay_chung_nhan": 12,
    "giao_thong": 16,
    "moi_truong": 12,
    "an_sinh_xa_hoi": 14,
    "sau_thanh_tra": 4,
    "khac": 12,
}
ISSUE_TITLES = {
    "dat_dai": "Xử lý dứt điểm các trường hợp lấn chiếm đất công",
    "giai_phong_mat_bang": "Giải phóng mặt bằng dự án nâng cấp đường trục",
    "giay_chung_nhan": "Cấp giấy chứng nhận quyền sử dụng đất tồn đọng",
    "giao_thong": "Cứng hóa đường giao thông nội đồng phục vụ sản xuất",
    "moi_truong": "Ô nhiễm môi trường từ khu chăn nuôi tập trung",
    "sau_thanh_tra": "Thực hiện kết luận sau thanh tra về quản lý đất đai",
}
PEOPLE = [
    "Nhóm hộ dân {place}",
    "Cử tri {place}",
    "Chi hội Người cao tuổi {place}",
    "Chi hội Nông dân {place}",
    "Ông Nguyễn Văn {name}",
    "Bà Trần Thị {name}",
    "Ông Lê Văn {name}",
    "Bà Phạm Thị {name}",
]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Lan", "Minh", "Nam", "Tâm", "Thảo", "Tư"]


def _place(name: str) -> str:
    for prefix in ("Đảng bộ ", "Đảng ủy "):
        name = name.removeprefix(prefix)
    return name


def _channel_code(rng: random.Random, level: str) -> str:
    weights = [3, 3, 2, 3, 2] if level == "commune" else [4, 2, 3, 0, 1]
    codes = ["giao_ban_tu_tuong", "lang_nghe_dan_noi", "tiep_cong_dan", "di_tung_ngo", "truc_tiep"]
    return rng.choices(codes, weights=weights)[0]


def _agencies(level: str, place: str) -> list[str]:
    if level == "province":
        return ["UBND tỉnh", "Sở Tài nguyên và Môi trường", "Sở Giao thông vận tải"]
    if level == "district":
        return [f"UBND {place}", f"Phòng Tài nguyên và Môi trường {place}"]
    return [f"UBND {place}", f"Công chức địa chính {place}"]


def _feedback(rng, *, unit, above, level, day, today, channels, sectors) -> dict:
    place = _place(unit.name)
    code = rng.choices(list(SECTOR_WEIGHTS), weights=list(SECTOR_WEIGHTS.values()))[0]
    item = {
        "unit": unit,
        "channel": channels[_channel_code(rng, level)],
        "sector": sectors[code],
        "raised_by": rng.choice(PEOPLE).format(place=place, name=rng.choice(GIVEN)),
        "contact": "",
        "content": rng.choice(CONTENT[code]).format(place=place),
        "received_on": day,
        "state": S.RECEIVED,
    }
    routed_on = day + timedelta(days=rng.randint(0, 5))
    if routed_on > today:
        return item
    due_on = routed_on + timedelta(days=rng.choice((15, 30)))
    item.update(state=S.ROUTED, routed_on=routed_on, due_on=due_on)
    if above is not None and rng.random() < 0.25:
        item["routed_unit"] = above
    else:
        item["routed_agency"] = rng.choice(_agencies(level, place))
    roll = rng.random()
    if roll < 0.86:  # on time
        responded = routed_on + timedelta(days=rng.randint(1, (due_on - routed_on).days))
    elif roll < 0.935:  # late
        responded = due_on + timedelta(days=rng.randint(1, 25))
    else:  # not answered yet (overdue once the due date has passed)
        return item
    if responded > today:
        return item
    if rng.random() < 0.7:
        item.update(
            state=S.ANSWERED,
            responded_on=responded,
            response="Đã trả lời bằng văn bản và thông báo cho người phản ánh.",
        )
    else:
        item.update(
            state=S.REFERRED,
            responded_on=responded,
            referred_to=rng.choice(_agencies(level, place)),
            response="Chuyển cơ quan có thẩm quyền giải quyết theo quy định.",
        )
    closed = responded + timedelta(days=rng.randint(1, 10))
    if closed <= today - timedelta(days=20) and rng.random() < 0.8:
        item.update(state=S.CLOSED, closed_on=closed)
    return item


def _months(start: date, end: date):
    month = date(start.year, start.month, 1)
    while month <= end:
        yield month
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def populate(
    *, rng: random.Random, province: Unit, start: date, end: date, say=print
) -> dict[str, int]:
    if not Channel.objects.exists() or not Sector.objects.exists():  # after a flush
        load_default_codes(Channel, Sector)
    channels = {c.code: c for c in Channel.objects.all()}
    sectors = {s.code: s for s in Sector.objects.all()}
    today = min(end, date.today())
    items: list[dict] = []
    committees: dict[int, tuple[Unit, set[int]]] = {}  # unit id → (unit, years alive)
    for month in _months(start, today):
        last = min(date(month.year + (month.month == 12), month.month % 12 + 1, 1), today)
        last_day = last - timedelta(days=1) if last > month else month
        districts = {v.unit_id: v for v in _districts_on(province, last_day)}
        levels = [(province, None, "province", (2, 5))]
        levels += [(v.unit, province, "district", (1, 3)) for v in districts.values()]
        for version in _communes_on(province, last_day):
            above = (
                districts[version.parent_id].unit if version.parent_id in districts else province
            )
            new = version.unit.created_on >= REFORM
            levels.append((version.unit, above, "commune", (1, 4) if new else (0, 2)))
        for unit, above, level, (low, high) in levels:
            if level != "province":
                committees.setdefault(unit.pk, (unit, set()))[1].add(month.year)
            first = max(month, unit.created_on, start)
            final = min(last_day, (unit.ended_on - timedelta(days=1)) if unit.ended_on else today)
            if first > final:
                continue
            for _ in range(rng.randint(low, high)):
                day = first + timedelta(days=rng.randint(0, (final - first).days))
                items.append(
                    _feedback(
                        rng,
                        unit=unit,
                        above=above,
                        level=level,
                        day=day,
                        today=today,
                        channels=channels,
                        sectors=sectors,
                    )
                )
    created = bulk_record_feedback(actor=None, items=items, reason="Dữ liệu mô phỏng")

    issues: list[dict] = []
    issue_codes = list(ISSUE_TITLES)
    for unit, years in committees.values():
        for year in sorted(years):
            for code in rng.sample(issue_codes, rng.choice((1, 2, 2))):
                item = {
                    "unit": unit,
                    "year": year,
                    "sector": sectors[code],
                    "title": f"{ISSUE_TITLES[code]} tại {_place(unit.name)}",
                    "description": "Vụ việc kéo dài, nhiều hộ dân phản ánh qua các kênh.",
                    "plan": "Cấp ủy phân công đồng chí ủy viên phụ trách, phối hợp chính quyền "
                    "và Mặt trận đối thoại, giải quyết dứt điểm trong năm.",
                    "state": IssueState.IN_PROGRESS,
                }
                share = 0.83 if year < today.year else 0.45
                resolved = date(year, rng.randint(3, 12), rng.randint(1, 28))
                if rng.random() < share and resolved <= today:
                    item.update(
                        state=IssueState.RESOLVED,
                        resolved_on=resolved,
                        result="Đã giải quyết dứt điểm, người dân đồng tình.",
                    )
                elif year < today.year and rng.random() < 0.5:
                    item.update(
                        state=IssueState.UNRESOLVED,
                        result="Vướng cơ chế, đã báo cáo cấp trên xem xét.",
                    )
                issues.append(item)
    selected = bulk_select_issues(actor=None, items=issues, reason="Dữ liệu mô phỏng")
    responded = sum(1 for i in items if i.get("responded_on"))
    say(
        f"  Đã tạo {created} ý kiến, kiến nghị ({responded} đã trả lời hoặc chuyển) và "
        f"{selected} việc nổi cộm, bức xúc."
    )
    return {
        "citizen_feedback": created,
        "citizen_feedback_responded": responded,
        "pressing_issues": selected,
        "pressing_issues_resolved": sum(1 for i in issues if i["state"] == IssueState.RESOLVED),
    }
