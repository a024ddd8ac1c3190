"""Vietnamese name data for the synthetic province: people, places and party cells.

Everything here is deterministic for a given ``random.Random``: lists are fixed, draws
use ``rng.choices`` with precomputed cumulative weights, and the place-name pool is read
from the ``vietnam_provinces`` package in ward-code order.
"""

from __future__ import annotations

import itertools
import random
import re
from functools import cache

from dangvu.vntext.normalize import clean_text, tone_normal

__all__ = [
    "GIVEN_NAMES",
    "MIDDLE_NAMES",
    "SURNAMES",
    "full_name",
    "hamlet_name_pool",
    "place_name_pool",
    "random_person",
]

# ---------------------------------------------------------------- people

# Họ, weighted by their share of the population (per cent). The named ones follow the
# usual estimates (Nguyễn ~38 %, Trần 11 %, Lê 9.5 % ...); the tail shares the rest.
SURNAMES: list[tuple[str, float]] = [
    ("Nguyễn", 38.0),
    ("Trần", 11.0),
    ("Lê", 9.5),
    ("Phạm", 7.0),
    ("Hoàng", 3.2),
    ("Huỳnh", 1.8),
    ("Phan", 4.5),
    ("Vũ", 2.2),
    ("Võ", 1.7),
    ("Đặng", 2.1),
    ("Bùi", 2.0),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1.0),
    ("Lý", 0.5),
    # The tail (about 11.5 % together).
    ("Đinh", 1.0),
    ("Trương", 0.9),
    ("Đào", 0.8),
    ("Đoàn", 0.8),
    ("Trịnh", 0.8),
    ("Lương", 0.6),
    ("Mai", 0.6),
    ("Cao", 0.5),
    ("Hà", 0.5),
    ("Lâm", 0.5),
    ("Tạ", 0.4),
    ("Tô", 0.4),
    ("Phùng", 0.4),
    ("Lưu", 0.4),
    ("Chu", 0.3),
    ("Kiều", 0.3),
    ("Thái", 0.3),
    ("Quách", 0.2),
    ("Vương", 0.2),
    ("Triệu", 0.2),
    ("Tăng", 0.2),
    ("Lại", 0.2),
    ("La", 0.1),
    ("Khúc", 0.1),
    ("Nông", 0.1),
]

# Tên đệm, weighted; a few people carry two (e.g. "Thị Thu"), see random_person.
MIDDLE_NAMES: dict[str, list[tuple[str, float]]] = {
    "nam": [
        ("Văn", 40.0),
        ("Đức", 8.0),
        ("Hữu", 6.0),
        ("Minh", 6.0),
        ("Quang", 5.0),
        ("Công", 4.0),
        ("Xuân", 3.0),
        ("Đình", 3.0),
        ("Ngọc", 3.0),
        ("Thanh", 3.0),
        ("Trọng", 2.5),
        ("Quốc", 2.5),
        ("Tiến", 2.0),
        ("Mạnh", 2.0),
        ("Thế", 2.0),
        ("Anh", 2.0),
        ("Duy", 1.5),
        ("Bá", 1.5),
        ("Hoàng", 1.5),
        ("Viết", 1.0),
        ("Khắc", 1.0),
        ("Tuấn", 1.0),
        ("Trung", 1.0),
        ("Thành", 1.0),
    ],
    "nu": [
        ("Thị", 55.0),
        ("Ngọc", 6.0),
        ("Thu", 5.0),
        ("Thanh", 5.0),
        ("Kim", 4.0),
        ("Phương", 3.0),
        ("Minh", 3.0),
        ("Hồng", 3.0),
        ("Thúy", 2.0),
        ("Mai", 2.0),
        ("Bích", 2.0),
        ("Hoài", 1.5),
        ("Diệu", 1.5),
        ("Bảo", 1.5),
        ("Khánh", 1.5),
        ("Hải", 1.0),
        ("Tuyết", 1.0),
        ("Quỳnh", 1.0),
    ],
}

# Tên (given names), equally likely within each gender.
GIVEN_NAMES: dict[str, list[str]] = {
    "nam": [
        "An", "Anh", "Bảo", "Bình", "Chiến", "Công", "Cường", "Danh", "Dũng", "Duy",
        "Dương", "Đạt", "Điệp", "Định", "Đông", "Đức", "Giang", "Hải", "Hào", "Hậu",
        "Hiếu", "Hiệp", "Hòa", "Hoàn", "Hoàng", "Học", "Hùng", "Hưng", "Huy", "Khải",
        "Khang", "Khánh", "Khoa", "Kiên", "Lâm", "Lập", "Linh", "Lộc", "Lợi", "Long",
        "Luân", "Mạnh", "Minh", "Nam", "Nghĩa", "Ngọc", "Nhân", "Ninh", "Phong", "Phú",
        "Phúc", "Phương", "Quân", "Quang", "Quý", "Quyết", "Sơn", "Tài", "Tâm", "Tân",
        "Thái", "Thắng", "Thành", "Thanh", "Thiện", "Thịnh", "Thọ", "Thuận", "Tiến", "Toàn",
        "Trí", "Trung", "Trường", "Tú", "Tuấn", "Tùng", "Văn", "Việt", "Vinh", "Vũ",
    ],
    "nu": [
        "An", "Anh", "Ánh", "Bích", "Chi", "Châu", "Diệp", "Dung", "Duyên", "Giang",
        "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hòa", "Hồng", "Huệ", "Hương", "Huyền",
        "Khánh", "Lan", "Liên", "Liễu", "Linh", "Loan", "Ly", "Mai", "My", "Nga",
        "Ngân", "Ngọc", "Nhàn", "Nhung", "Oanh", "Phượng", "Phương", "Quyên", "Quỳnh", "Tâm",
        "Thảo", "Thắm", "Thoa", "Thu", "Thủy", "Thúy", "Thư", "Trang", "Trinh", "Tuyết",
        "Uyên", "Vân", "Vy", "Xuân", "Yến",
    ],
}  # fmt: skip


def _cumulative(pairs):
    values = [value for value, _ in pairs]
    cum = list(itertools.accumulate(weight for _, weight in pairs))
    return values, cum


_SURNAME_TABLE = _cumulative(SURNAMES)
_MIDDLE_TABLES = {gender: _cumulative(pairs) for gender, pairs in MIDDLE_NAMES.items()}


def _weighted(rng: random.Random, table) -> str:
    values, cum = table
    return rng.choices(values, cum_weights=cum)[0]


def random_person(rng: random.Random, *, female_share: float = 0.4) -> tuple[str, str, str, str]:
    """A plausible person: ``(họ, tên đệm, tên, gender)`` with gender ``"nam"`` / ``"nu"``.

    About one woman in five with "Thị" gets a second middle name ("Thị Thu"), and a given
    name never repeats the middle name ("Minh Minh").
    """
    gender = "nu" if rng.random() < female_share else "nam"
    ho = _weighted(rng, _SURNAME_TABLE)
    ten_dem = _weighted(rng, _MIDDLE_TABLES[gender])
    if ten_dem == "Thị" and rng.random() < 0.2:
        second = _weighted(rng, _MIDDLE_TABLES[gender])
        if second != "Thị":
            ten_dem = f"Thị {second}"
    ten = rng.choice(GIVEN_NAMES[gender])
    while ten == ten_dem.split(" ")[-1]:
        ten = rng.choice(GIVEN_NAMES[gender])
    return ho, ten_dem, ten, gender


def full_name(person: tuple[str, ...]) -> str:
    """ "Nguyễn Thị Thu Hà" from ``random_person``'s tuple (gender ignored)."""
    return " ".join(part for part in person[:3] if part)


# ---------------------------------------------------------------- places

_PLACE_PREFIX = re.compile(r"^(Xã|Phường|Đặc khu|Thị trấn)\s+")
_PLAIN_NAME = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+)$")


@cache
def place_name_pool() -> tuple[str, ...]:
    """Distinct two-syllable place names ("Tân Phong", "Yên Hòa") from real ward names.

    Read from ``vietnam_provinces`` in ward-code order, without the "Xã"/"Phường" prefix,
    without numbered or hyphenated names and without the island special zones,
    de-duplicated regardless of tone placement.
    """
    from vietnam_provinces import VietNamDivisionType, Ward

    seen: set[str] = set()
    names: list[str] = []
    for ward in sorted(Ward.iter_all(), key=lambda w: int(w.code)):
        if ward.division_type == VietNamDivisionType.DAC_KHU:
            continue  # island special zones (Hoàng Sa, Trường Sa …) are too well known
        name = clean_text(_PLACE_PREFIX.sub("", ward.name))
        if not _PLAIN_NAME.match(name):
            continue
        key = tone_normal(name).casefold()
        if key in seen:
            continue
        seen.add(key)
        names.append(name)
    return tuple(names)


# Syllables that Vietnamese hamlet names are made of ("thôn Đông Hạ", "ấp Phú Lợi").
HAMLET_SYLLABLES = [
    "An", "Bình", "Cầu", "Chợ", "Đình", "Đoài", "Đông", "Hạ", "Hậu", "Hòa",
    "Hưng", "Khánh", "Lạc", "Long", "Lợi", "Mỹ", "Nam", "Ngọc", "Phú", "Phúc",
    "Phong", "Quang", "Tân", "Tây", "Thạnh", "Thành", "Thọ", "Thượng", "Tiền", "Trung",
    "Vĩnh", "Xuân", "Yên", "Bắc", "Đồng", "Gò", "Bến", "Lộc", "Thịnh", "Hiệp",
]  # fmt: skip


@cache
def hamlet_name_pool() -> tuple[str, ...]:
    """Every two-syllable hamlet name from :data:`HAMLET_SYLLABLES`, in a fixed order."""
    return tuple(f"{a} {b}" for a, b in itertools.permutations(HAMLET_SYLLABLES, 2) if a != b)


# ---------------------------------------------------------------- party cells

# Cells of a commune's residential areas, by the word the area uses.
HAMLET_WORDS = {
    # rural communes: (word, weight) — one word per district, as provinces differ
    "xa": [("thôn", 5), ("xóm", 2), ("ấp", 2), ("bản", 1)],
    # towns and wards
    "do_thi": [("khu phố", 3), ("tổ dân phố", 2)],
}

CELL_PATTERNS = {
    "hamlet": "Chi bộ {word} {name}",  # Chi bộ thôn Đông Hạ, Chi bộ khu phố Tân An
    "police": "Chi bộ Công an {commune}",  # Chi bộ Công an xã Tân Phong
    "military": "Chi bộ Quân sự {commune}",  # Chi bộ Quân sự phường Yên Hòa
    "health": "Chi bộ Trạm Y tế {commune}",
    "school_thcs": "Chi bộ Trường THCS {name}",
    "school_th": "Chi bộ Trường Tiểu học {name}",
    "school_mn": "Chi bộ Trường Mầm non {name}",
    "school_thpt": "Chi bộ Trường THPT {name}",
    "coop": "Chi bộ Hợp tác xã nông nghiệp {name}",
}

# Grassroots organisations (TCCS) of a district: (kind, name pattern). ``{d}`` is the
# district's own name with its type ("huyện Yên Phong"), ``{D}`` the same capitalised.
DISTRICT_AGENCIES = [
    ("chi_bo_co_so", "Chi bộ Kho bạc Nhà nước {d}"),
    ("chi_bo_co_so", "Chi bộ Chi cục Thuế {d}"),
    ("chi_bo_co_so", "Chi bộ Bảo hiểm xã hội {d}"),
    ("chi_bo_co_so", "Chi bộ Ngân hàng Chính sách xã hội {d}"),
    ("chi_bo_co_so", "Chi bộ Tòa án nhân dân {d}"),
    ("chi_bo_co_so", "Chi bộ Viện Kiểm sát nhân dân {d}"),
    ("chi_bo_co_so", "Chi bộ Trung tâm Văn hóa – Thể thao {d}"),
    ("chi_bo_co_so", "Chi bộ Điện lực {n}"),
    ("dang_bo_co_so", "Đảng bộ Trung tâm Y tế {d}"),
    ("dang_bo_co_so", "Đảng bộ Công an {d}"),
    ("dang_bo_co_so", "Đảng bộ Quân sự {d}"),
    ("dang_bo_co_so", "Đảng bộ Cơ quan Chính quyền {d}"),
    ("dang_bo_co_so", "Đảng bộ Các cơ quan Đảng {d}"),
]

# Chi bộ trực thuộc of a district-level đảng bộ cơ sở, by the start of its name.
AGENCY_CELLS = {
    "Đảng bộ Trung tâm Y tế": [
        "Chi bộ Khoa Nội", "Chi bộ Khoa Ngoại – Sản", "Chi bộ Khoa Y tế công cộng",
        "Chi bộ Phòng Kế hoạch – Tổng hợp", "Chi bộ Khoa Dược – Cận lâm sàng",
    ],
    "Đảng bộ Công an": [
        "Chi bộ Đội Cảnh sát hình sự", "Chi bộ Đội Cảnh sát giao thông",
        "Chi bộ Đội An ninh", "Chi bộ Đội Tổng hợp", "Chi bộ Đội Cảnh sát kinh tế",
    ],
    "Đảng bộ Quân sự": [
        "Chi bộ Cơ quan Quân sự", "Chi bộ Trung đội Dân quân cơ động", "Chi bộ Hậu cần – Kỹ thuật",
    ],
    "Đảng bộ Cơ quan Chính quyền": [
        "Chi bộ Văn phòng HĐND và UBND", "Chi bộ Phòng Nội vụ", "Chi bộ Phòng Tài chính – Kế hoạch",
        "Chi bộ Phòng Giáo dục và Đào tạo", "Chi bộ Phòng Nông nghiệp và Môi trường",
        "Chi bộ Phòng Kinh tế – Hạ tầng",
    ],
    "Đảng bộ Các cơ quan Đảng": [
        "Chi bộ Văn phòng cấp ủy", "Chi bộ Ban Tổ chức", "Chi bộ Ủy ban Kiểm tra",
        "Chi bộ Ban Tuyên giáo và Dân vận", "Chi bộ Mặt trận Tổ quốc và các đoàn thể",
    ],
}  # fmt: skip

# Grassroots organisations under the province's Đảng bộ Khối các cơ quan tỉnh.
PROVINCE_AGENCIES = [
    ("dang_bo_co_so", "Đảng bộ Văn phòng UBND tỉnh"),
    ("dang_bo_co_so", "Đảng bộ Sở Tài chính"),
    ("dang_bo_co_so", "Đảng bộ Sở Giáo dục và Đào tạo"),
    ("dang_bo_co_so", "Đảng bộ Sở Y tế"),
    ("dang_bo_co_so", "Đảng bộ Sở Nông nghiệp và Môi trường"),
    ("dang_bo_co_so", "Đảng bộ Sở Xây dựng"),
    ("chi_bo_co_so", "Chi bộ Sở Nội vụ"),
    ("chi_bo_co_so", "Chi bộ Sở Tư pháp"),
    ("chi_bo_co_so", "Chi bộ Sở Công Thương"),
    ("chi_bo_co_so", "Chi bộ Sở Văn hóa, Thể thao và Du lịch"),
    ("chi_bo_co_so", "Chi bộ Sở Khoa học và Công nghệ"),
    ("chi_bo_co_so", "Chi bộ Thanh tra tỉnh"),
    ("chi_bo_co_so", "Chi bộ Sở Dân tộc và Tôn giáo"),
    ("dang_bo_co_so", "Đảng bộ Bệnh viện Đa khoa tỉnh"),
    ("dang_bo_co_so", "Đảng bộ Trường Cao đẳng Y tế tỉnh"),
    ("chi_bo_co_so", "Chi bộ Báo và Phát thanh, Truyền hình tỉnh"),
    ("chi_bo_co_so", "Chi bộ Kho bạc Nhà nước khu vực"),
    ("chi_bo_co_so", "Chi bộ Thuế tỉnh"),
    ("chi_bo_co_so", "Chi bộ Bảo hiểm xã hội tỉnh"),
    ("dang_bo_co_so", "Đảng bộ Trường Chính trị tỉnh"),
    ("chi_bo_co_so", "Chi bộ Ban Quản lý các khu công nghiệp"),
    ("chi_bo_co_so", "Chi bộ Liên minh Hợp tác xã tỉnh"),
    ("dang_bo_co_so", "Đảng bộ Công ty Điện lực tỉnh"),
    ("chi_bo_co_so", "Chi bộ Quỹ Đầu tư phát triển tỉnh"),
]

GENERIC_DEPARTMENT_CELLS = [
    "Chi bộ Văn phòng", "Chi bộ Phòng Tổ chức – Hành chính", "Chi bộ Phòng Kế hoạch – Tài chính",
    "Chi bộ Phòng Nghiệp vụ 1", "Chi bộ Phòng Nghiệp vụ 2", "Chi bộ Phòng Nghiệp vụ 3",
    "Chi bộ Phòng Thanh tra – Pháp chế",
]  # fmt: skip

MILITARY_UNITS = [
    ("dang_bo_co_so", "Đảng bộ Cơ quan Bộ Chỉ huy Quân sự tỉnh"),
    ("dang_bo_co_so", "Đảng bộ Trung đoàn Bộ binh 1"),
    ("chi_bo_co_so", "Chi bộ Tiểu đoàn Huấn luyện – Cơ động"),
    ("chi_bo_co_so", "Chi bộ Đại đội Trinh sát"),
    ("chi_bo_co_so", "Chi bộ Đại đội Công binh"),
    ("chi_bo_co_so", "Chi bộ Kho Kỹ thuật"),
    ("dang_bo_co_so", "Đảng bộ Trường Quân sự tỉnh"),
    ("chi_bo_co_so", "Chi bộ Đại đội Thông tin"),
    ("chi_bo_co_so", "Chi bộ Đội K"),
    ("chi_bo_co_so", "Chi bộ Đại đội Phòng hóa"),
]

MILITARY_CELLS = [
    "Chi bộ Phòng Tham mưu", "Chi bộ Phòng Chính trị", "Chi bộ Phòng Hậu cần – Kỹ thuật",
    "Chi bộ Tiểu đoàn 1", "Chi bộ Tiểu đoàn 2", "Chi bộ Đại đội 3",
]  # fmt: skip

POLICE_UNITS = [
    ("dang_bo_co_so", "Đảng bộ Phòng Tham mưu"),
    ("dang_bo_co_so", "Đảng bộ Phòng Cảnh sát hình sự"),
    ("dang_bo_co_so", "Đảng bộ Phòng An ninh chính trị nội bộ"),
    ("chi_bo_co_so", "Chi bộ Phòng Cảnh sát giao thông"),
    ("chi_bo_co_so", "Chi bộ Phòng Cảnh sát kinh tế"),
    ("chi_bo_co_so", "Chi bộ Phòng Quản lý hành chính về trật tự xã hội"),
    ("dang_bo_co_so", "Đảng bộ Trại Tạm giam"),
    ("chi_bo_co_so", "Chi bộ Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ"),
    ("chi_bo_co_so", "Chi bộ Phòng Hậu cần"),
    ("chi_bo_co_so", "Chi bộ Phòng Kỹ thuật nghiệp vụ"),
]

POLICE_CELLS = [
    "Chi bộ Đội 1", "Chi bộ Đội 2", "Chi bộ Đội 3", "Chi bộ Đội 4", "Chi bộ Đội Tổng hợp",
]  # fmt: skip

# Province-level grassroots organisations directly under the Tỉnh ủy.
PROVINCE_DIRECT = [
    ("dang_bo_co_so", "Đảng bộ Trường Đại học {p}"),
    ("dang_bo_co_so", "Đảng bộ Công ty Cổ phần Cấp nước {p}"),
]
