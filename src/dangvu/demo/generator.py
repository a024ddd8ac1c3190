"""The synthetic province: a fictional Đảng bộ tỉnh with ten years of history.

``build_demo`` writes, through the ``orgs`` services only, a province from 2015-01-01
with districts, communes and their cells, a few reorganisations between 2015 and 2025,
the 2025 reform (communes merged into new ones directly under the province, districts
ended on 01/7/2025) and one demo user per persona. The same seed gives the same data.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q

from dangvu.accounts.models import Role, RoleAssignment, User
from dangvu.audit.context import audit_source
from dangvu.orgs import selectors
from dangvu.orgs.models import LineageEvent, Unit, UnitKind, UnitVersion
from dangvu.orgs.services import (
    Decision,
    SplitPart,
    create_unit,
    dissolve_unit,
    merge_units,
    move_unit,
    rename_unit,
    split_unit,
)

from . import names
from .members import build_members, member_counts
from .work_records import populate_work_records, work_record_counts

MARKER_CODE = "DEMO-TINH"
PROVINCE_NAME = "Hòa Bình Xanh"
PROVINCE_UNIT_NAME = f"Đảng bộ tỉnh {PROVINCE_NAME} (mô phỏng)"
DEMO_PASSWORD = "dangvu-demo"

START = date(2015, 1, 1)
REFORM = date(2025, 7, 1)
REFORM_DECISION_DAY = date(2025, 6, 30)
AFTER_REFORM = date(2025, 7, 15)

BASELINE = Decision(
    note="Tổ chức đã có từ trước ngày 01/01/2015; ghi nhận đầu kỳ của dữ liệu mô phỏng."
)
TINH_UY = "Ban Thường vụ Tỉnh ủy"
OLD_COMMUNE_NAME = (
    Q(name__startswith="Đảng bộ xã ")
    | Q(name__startswith="Đảng bộ phường ")
    | Q(name__startswith="Đảng bộ thị trấn ")
)

# (username, role code or None, where, description)
PERSONAS = [
    ("tinh", "to_chuc", "province", "Cán bộ Ban Tổ chức Tỉnh ủy"),
    ("xa_a", "to_chuc", "commune_a", "Cán bộ Ban Xây dựng Đảng, Đảng ủy xã/phường mới A"),
    ("xa_b", "to_chuc", "commune_b", "Cán bộ Ban Xây dựng Đảng, Đảng ủy xã/phường mới B"),
    ("bithu", "bi_thu_chi_bo", "cell", "Bí thư chi bộ (một chi bộ thuộc xã/phường A)"),
    ("dangvien", "dang_vien", "cell", "Đảng viên (cùng chi bộ với bí thư trên)"),
    ("ngoai", None, None, "Người dùng chưa được phân công vai trò nào (không thấy dữ liệu)"),
]


@dataclass
class DemoResult:
    province: Unit
    created: bool
    counts: dict[str, int]
    logins: list[tuple[str, str, str, str]]  # username, password, description, unit name
    seed: int | None = None
    scale: float | None = None
    seconds: float = 0.0


@dataclass
class _Commune:
    unit: Unit
    kind_word: str  # "xã" | "phường" | "thị trấn"
    place: str  # "Tân Phong"
    hamlet_word: str
    hamlets: list[Unit] = field(default_factory=list)
    police: Unit | None = None
    military: Unit | None = None
    health: Unit | None = None
    new: _NewCommune | None = None

    @property
    def label(self) -> str:
        return f"{self.kind_word} {self.place}"


@dataclass
class _NewCommune:
    unit: Unit
    kind_word: str
    place: str
    sources: list[_Commune]

    @property
    def label(self) -> str:
        return f"{self.kind_word} {self.place}"


@dataclass
class _Tccs:
    unit: Unit
    fate: str  # at the reform: "commune", "police", "military", "province", "end", "gone"
    home: _Commune | None = None


@dataclass
class _District:
    unit: Unit
    kind_word: str  # "huyện" | "thị xã" | "thành phố"
    place: str
    number_suffix: str  # HU, TX, TP
    communes: list[_Commune] = field(default_factory=list)
    tccs: list[_Tccs] = field(default_factory=list)
    hamlet_pool: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.kind_word} {self.place}"

    @property
    def committee(self) -> str:
        word = {"huyện": "Huyện ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}[self.kind_word]
        return f"Ban Thường vụ {word} {self.place}"


class _Builder:
    def __init__(self, *, seed: int, scale: float, stdout=None):
        self.rng = random.Random(seed)
        self.scale = scale
        self.stdout = stdout
        self.kinds = {kind.code: kind for kind in UnitKind.objects.all()}
        self.numbers: dict[tuple[str, str, int], int] = {}
        places = list(names.place_name_pool())
        self.rng.shuffle(places)
        self.places = places
        self.districts: list[_District] = []
        self.new_communes: list[_NewCommune] = []

    # ------------------------------------------------------------ small tools

    def say(self, text: str) -> None:
        if self.stdout is not None:
            self.stdout.write(text + "\n")

    def place(self) -> str:
        return self.places.pop()

    def decision(self, suffix: str, issuer: str, day: date, *, lead_days: int = 0) -> Decision:
        """A numbered decision ("123-QĐ/TU") issued ``lead_days`` before ``day``."""
        issued = day - timedelta(days=lead_days)
        key = (suffix, issuer, issued.year)
        if key not in self.numbers:
            # A committee formed on 01/7/2025 starts its numbering afresh.
            fresh = issuer.startswith("Ban Thường vụ Đảng ủy")
            self.numbers[key] = self.rng.randint(0, 5) if fresh else self.rng.randint(20, 120)
        self.numbers[key] += self.rng.randint(1, 7)
        return Decision(number=f"{self.numbers[key]}-QĐ/{suffix}", date=issued, issuer=issuer)

    def create(self, name: str, kind: str, parent: Unit | None, *, code: str = "") -> Unit:
        return create_unit(
            actor=None,
            name=name,
            kind=self.kinds[kind],
            parent=parent,
            effective_date=START,
            code=code,
            decision=BASELINE,
        )

    def count(self, base: float, minimum: int = 0) -> int:
        return max(minimum, round(base * self.scale))

    # ------------------------------------------------------------ 2015 baseline

    def build_province(self) -> Unit:
        self.province = self.create(PROVINCE_UNIT_NAME, "tinh", None, code=MARKER_CODE)
        self.khoi = self.create("Đảng bộ Khối các cơ quan tỉnh", "khoi", self.province)
        for kind, name in names.PROVINCE_AGENCIES[: self.count(20, 2)]:
            self.grassroots(name, kind, self.khoi, names.GENERIC_DEPARTMENT_CELLS, (3, 5))
        self.military = self.create("Đảng bộ Quân sự tỉnh", "luc_luong", self.province)
        for kind, name in names.MILITARY_UNITS[: self.count(8, 2)]:
            self.grassroots(name, kind, self.military, names.MILITARY_CELLS, (3, 6))
        self.police = self.create("Đảng bộ Công an tỉnh", "luc_luong", self.province)
        for kind, name in names.POLICE_UNITS[: self.count(8, 2)]:
            self.grassroots(name, kind, self.police, names.POLICE_CELLS, (3, 5))
        for kind, name in names.PROVINCE_DIRECT[: self.count(2)]:
            name = name.format(p=PROVINCE_NAME)
            self.grassroots(name, kind, self.province, names.GENERIC_DEPARTMENT_CELLS, (3, 5))
        return self.province

    def grassroots(self, name, kind, parent, cell_names, size: tuple[int, int]) -> Unit:
        unit = self.create(name, kind, parent)
        if kind == "dang_bo_co_so":
            for cell in cell_names[: self.rng.randint(*size)]:
                self.create(cell, "chi_bo", unit)
        return unit

    def build_districts(self) -> None:
        n_districts = self.count(8, 1)
        n_communes = self.count(120, 4)
        per_district = [
            n_communes // n_districts + (1 if i < n_communes % n_districts else 0)
            for i in range(n_districts)
        ]
        for index, size in enumerate(per_district):
            kind_word, suffix = (
                [("thành phố", "TP"), ("thị xã", "TX")][index]
                if index < 2
                else (
                    "huyện",
                    "HU",
                )
            )
            place = self.place()
            unit = self.create(f"Đảng bộ {kind_word} {place}", "huyen", self.province)
            district = _District(unit, kind_word, place, suffix)
            self.districts.append(district)
            self.build_communes(district, size)
            self.build_district_tccs(district)
        self.say(f"  Đã tạo {n_districts} đảng bộ cấp huyện và {n_communes} đảng bộ xã cũ.")

    def commune_kind_words(self, district: _District, size: int) -> list[str]:
        if district.kind_word == "thành phố":
            urban = math.ceil(size * 0.6)
            return ["phường"] * urban + ["xã"] * (size - urban)
        if district.kind_word == "thị xã":
            urban = math.ceil(size * 0.4)
            return ["phường"] * urban + ["xã"] * (size - urban)
        return ["thị trấn"] + ["xã"] * (size - 1)

    def build_communes(self, district: _District, size: int) -> None:
        rng = self.rng
        hamlets = list(names.hamlet_name_pool())
        rng.shuffle(hamlets)
        words, weights = zip(*names.HAMLET_WORDS["xa"], strict=True)
        rural_word = rng.choices(words, weights)[0]
        words, weights = zip(*names.HAMLET_WORDS["do_thi"], strict=True)
        urban_word = rng.choices(words, weights)[0]
        district.hamlet_pool = hamlets
        for kind_word in self.commune_kind_words(district, size):
            place = self.place()
            unit = self.create(f"Đảng bộ {kind_word} {place}", "dang_bo_co_so", district.unit)
            hamlet_word = rural_word if kind_word == "xã" else urban_word
            commune = _Commune(unit, kind_word, place, hamlet_word)
            district.communes.append(commune)
            n_cells = rng.randint(5, 11)
            has_health = rng.random() < 0.3
            n_hamlets = n_cells - 2 - int(has_health)
            for _ in range(n_hamlets):
                name = names.CELL_PATTERNS["hamlet"].format(word=hamlet_word, name=hamlets.pop())
                commune.hamlets.append(self.create(name, "chi_bo", unit))
            commune.police = self.create(
                names.CELL_PATTERNS["police"].format(commune=commune.label), "chi_bo", unit
            )
            commune.military = self.create(
                names.CELL_PATTERNS["military"].format(commune=commune.label), "chi_bo", unit
            )
            if has_health:
                commune.health = self.create(
                    names.CELL_PATTERNS["health"].format(commune=commune.label), "chi_bo", unit
                )

    def build_district_tccs(self, district: _District) -> None:
        rng = self.rng
        patterns = names.CELL_PATTERNS
        seat = district.communes[0]
        schools = [
            (patterns["school_thpt"].format(name=district.place), "chi_bo_co_so", seat),
        ]
        for commune in district.communes:
            for key, chance in (
                ("school_thcs", 0.6),
                ("school_th", 0.5),
                ("school_mn", 0.3),
                ("coop", 0.1 if commune.kind_word == "xã" else 0.0),
            ):
                if rng.random() < chance:
                    schools.append(
                        (patterns[key].format(name=commune.place), "chi_bo_co_so", commune)
                    )
        for name, kind, home in schools:
            district.tccs.append(_Tccs(self.create(name, kind, district.unit), "commune", home))

        # The district's own agencies. The first district starts with one joint
        # "Dân – Chính – Đảng" body that is split in 2016 (see history()).
        for kind, pattern in names.DISTRICT_AGENCIES:
            name = pattern.format(d=district.label, n=district.place)
            if district is self.districts[0] and "Cơ quan Chính quyền" in pattern:
                continue
            if district is self.districts[0] and "Các cơ quan Đảng" in pattern:
                name = f"Đảng bộ Cơ quan Dân – Chính – Đảng {district.label}"
                cells = (
                    names.AGENCY_CELLS["Đảng bộ Các cơ quan Đảng"]
                    + names.AGENCY_CELLS["Đảng bộ Cơ quan Chính quyền"]
                )
            else:
                prefix = next((p for p in names.AGENCY_CELLS if pattern.startswith(p)), None)
                cells = names.AGENCY_CELLS.get(prefix, [])
            if "Dân – Chính" not in name:
                cells = cells[: max(3, len(cells) - rng.randint(0, 2))]
            unit = self.create(name, kind, district.unit)
            for cell in cells:
                self.create(cell, "chi_bo", unit)
            fate = self.agency_fate(pattern)
            district.tccs.append(_Tccs(unit, fate, seat if fate == "commune" else None))

    @staticmethod
    def agency_fate(pattern: str) -> str:
        if "Công an" in pattern:
            return "police"
        if "Quân sự" in pattern:
            return "military"
        if "Cơ quan Chính quyền" in pattern or "Các cơ quan Đảng" in pattern:
            return "end"
        if "Trung tâm" in pattern:
            return "commune"
        return "province"

    # ------------------------------------------------------------ 2015–2025

    def history(self) -> None:
        first, last = self.districts[0], self.districts[-1]
        self.split_joint_agency(first)
        self.move_hamlet(last)
        self.merge_hamlets(first, last)
        self.rename_communes()
        self.rename_school(last)
        self.move_power_company(first)
        self.say("  Đã ghi các lần đổi tên, điều chuyển, hợp nhất, chia tách 2015–2024.")

    def split_joint_agency(self, district: _District) -> None:
        """2016: the joint Dân – Chính – Đảng body splits into the Party and the State ones."""
        day = date(2016, 3, 1)
        entry = next(t for t in district.tccs if "Dân – Chính – Đảng" in t.unit.name)
        party_cells = set(names.AGENCY_CELLS["Đảng bộ Các cơ quan Đảng"])
        children = [v.unit for v in selectors.children_on(entry.unit, day)]
        kind = self.kinds["dang_bo_co_so"]
        parts = [
            SplitPart(
                name=f"Đảng bộ Các cơ quan Đảng {district.label}",
                kind=kind,
                children=[c for c in children if c.name in party_cells],
            ),
            SplitPart(
                name=f"Đảng bộ Cơ quan Chính quyền {district.label}",
                kind=kind,
                children=[c for c in children if c.name not in party_cells],
            ),
        ]
        created = split_unit(
            actor=None,
            unit=entry.unit,
            parts=parts,
            effective_date=day,
            decision=self.decision(district.number_suffix, district.committee, day, lead_days=20),
        )
        entry.fate = "gone"
        district.tccs.extend(_Tccs(unit, "end") for unit in created)

    def move_hamlet(self, district: _District) -> None:
        """2018: a hamlet goes to the neighbouring commune after a boundary adjustment."""
        day = date(2018, 6, 1)
        source, target = district.communes[0], district.communes[1]
        cell = source.hamlets.pop()
        move_unit(
            actor=None,
            unit=cell,
            new_parent=target.unit,
            effective_date=day,
            decision=self.decision(district.number_suffix, district.committee, day, lead_days=15),
        )
        target.hamlets.append(cell)

    def merge_hamlets(self, first: _District, last: _District) -> None:
        """2019–2020: small hamlets merged (a new cell; and one absorbed by its neighbour)."""
        day = date(2019, 10, 1)
        commune = first.communes[1]
        a, b = commune.hamlets[0], commune.hamlets[1]
        new_name = names.CELL_PATTERNS["hamlet"].format(
            word=commune.hamlet_word, name=first.hamlet_pool.pop()
        )
        merged = merge_units(
            actor=None,
            sources=[a, b],
            new_name=new_name,
            new_kind=self.kinds["chi_bo"],
            new_parent=commune.unit,
            effective_date=day,
            decision=self.decision(first.number_suffix, first.committee, day, lead_days=10),
        )
        commune.hamlets[0:2] = [merged]

        day = date(2020, 1, 1)
        commune = last.communes[2]
        keep, absorbed = commune.hamlets[0], commune.hamlets[1]
        merge_units(
            actor=None,
            sources=[absorbed],
            into=keep,
            effective_date=day,
            decision=self.decision(last.number_suffix, last.committee, day, lead_days=10),
        )
        commune.hamlets.remove(absorbed)

    def rename_communes(self) -> None:
        """2019–2020: a commune becomes a ward (and one a township); its cells follow."""
        urbanising = self.districts[1] if len(self.districts) > 1 else self.districts[0]
        commune = next(c for c in urbanising.communes if c.kind_word == "xã")
        self.rename_commune(urbanising, commune, "phường", date(2020, 2, 1))
        rural = next((d for d in self.districts if d.kind_word == "huyện"), None)
        if rural is not None and len(rural.communes) > 3:
            self.rename_commune(rural, rural.communes[3], "thị trấn", date(2019, 12, 1))

    def rename_commune(self, district: _District, commune: _Commune, word: str, day) -> None:
        decision = self.decision("TU", TINH_UY, day, lead_days=25)
        old_label = commune.label
        commune.kind_word = word
        commune.unit = rename_unit(
            actor=None,
            unit=commune.unit,
            name=f"Đảng bộ {commune.label}",
            effective_date=day,
            decision=decision,
        )
        for attr in ("police", "military", "health"):
            cell = getattr(commune, attr)
            if cell is not None:
                new = cell.name.replace(old_label, commune.label)
                setattr(
                    commune,
                    attr,
                    rename_unit(
                        actor=None, unit=cell, name=new, effective_date=day, decision=decision
                    ),
                )

    def rename_school(self, district: _District) -> None:
        """2021: a lower secondary school absorbs the primary one and takes a joint name."""
        day = date(2021, 8, 15)
        entry = next((t for t in district.tccs if "Trường THCS" in t.unit.name), None)
        if entry is None:
            return
        entry.unit = rename_unit(
            actor=None,
            unit=entry.unit,
            name=entry.unit.name.replace("Trường THCS", "Trường TH&THCS"),
            effective_date=day,
            decision=self.decision(district.number_suffix, district.committee, day, lead_days=30),
        )

    def move_power_company(self, district: _District) -> None:
        """2021: the district power company's cell goes under the province agencies' đảng bộ."""
        day = date(2021, 1, 1)
        entry = next(t for t in district.tccs if t.unit.name.startswith("Chi bộ Điện lực"))
        move_unit(
            actor=None,
            unit=entry.unit,
            new_parent=self.khoi,
            effective_date=day,
            decision=self.decision("TU", TINH_UY, day, lead_days=20),
        )
        entry.fate = "gone"

    # ------------------------------------------------------------ the 2025 reform

    def reform(self) -> None:
        for district in self.districts:
            for group in self.groups(district.communes):
                self.merge_communes(district, group)
        for district in self.districts:
            self.resettle_tccs(district)
            dissolve_unit(
                actor=None,
                unit=district.unit,
                effective_date=REFORM,
                decision=self.decision("TU", TINH_UY, REFORM_DECISION_DAY),
            )
        self.say(
            f"  Sắp xếp 01/7/2025: {len(self.new_communes)} đảng bộ xã, phường mới; "
            f"kết thúc {len(self.districts)} đảng bộ cấp huyện."
        )
        for new in self.new_communes:
            self.merge_forces(new)

    def groups(self, communes: list[_Commune]) -> list[list[_Commune]]:
        """Consecutive groups of 2–4 communes (at least two groups per district)."""
        result, rest = [], list(communes)
        while rest:
            n = len(rest)
            if n == 4:
                size = self.rng.choice([2, 4]) if result else 2
            elif n == 5:
                size = self.rng.choice([2, 3])
            elif n <= 3:
                size = n
            else:
                size = self.rng.choice([2, 3, 3, 4])
            result.append(rest[:size])
            rest = rest[size:]
        return result

    def merge_communes(self, district: _District, group: list[_Commune]) -> None:
        urban = sum(c.kind_word == "phường" for c in group)
        word = "phường" if district.kind_word != "huyện" and urban * 2 >= len(group) else "xã"
        place = self.place()
        unit = merge_units(
            actor=None,
            sources=[c.unit for c in group],
            new_name=f"Đảng bộ {word} {place}",
            new_kind=self.kinds["xa"],
            new_parent=self.province,
            effective_date=REFORM,
            decision=self.decision("TU", TINH_UY, REFORM_DECISION_DAY),
        )
        new = _NewCommune(unit, word, place, group)
        for commune in group:
            commune.new = new
        self.new_communes.append(new)

    def resettle_tccs(self, district: _District) -> None:
        """District-level TCCS go to the new commune that covers them (or the province)."""
        targets = {"police": self.police, "military": self.military, "province": self.khoi}
        decision = self.decision("TU", TINH_UY, REFORM_DECISION_DAY)
        for entry in district.tccs:
            if entry.fate == "gone":
                continue
            if entry.fate == "end":
                for version in selectors.children_on(entry.unit, REFORM):
                    dissolve_unit(
                        actor=None, unit=version.unit, effective_date=REFORM, decision=decision
                    )
                dissolve_unit(actor=None, unit=entry.unit, effective_date=REFORM, decision=decision)
                continue
            target = entry.home.new.unit if entry.fate == "commune" else targets[entry.fate]
            move_unit(
                actor=None,
                unit=entry.unit,
                new_parent=target,
                effective_date=REFORM,
                decision=decision,
            )

    def merge_forces(self, new: _NewCommune) -> None:
        """Mid-July 2025: the new commune joins its old communes' police and militia cells."""
        committee = f"Ban Thường vụ Đảng ủy {new.label}"
        for attr, key in (("police", "police"), ("military", "military")):
            cells = [getattr(c, attr) for c in new.sources if getattr(c, attr) is not None]
            if len(cells) < 2:
                continue
            merge_units(
                actor=None,
                sources=cells,
                new_name=names.CELL_PATTERNS[key].format(commune=new.label),
                new_kind=self.kinds["chi_bo"],
                new_parent=new.unit,
                effective_date=AFTER_REFORM,
                decision=self.decision("ĐU", committee, AFTER_REFORM, lead_days=5),
            )

    # ------------------------------------------------------------ people

    def personas(self) -> None:
        commune_a, commune_b = self.new_communes[0].unit, self.new_communes[1].unit
        cell = _first_hamlet_cell(commune_a)
        places = {"province": self.province, "commune_a": commune_a, "commune_b": commune_b}
        places["cell"] = cell
        roles = {role.code: role for role in Role.objects.all()}
        for username, role_code, where, _ in PERSONAS:
            ho, ten_dem, ten, _gender = names.random_person(self.rng)
            user = User.objects.filter(username=username).first() or User(username=username)
            user.full_name = f"{ho} {ten_dem} {ten}"
            user.first_name, user.last_name = ten, f"{ho} {ten_dem}"
            user.is_active = True
            user.set_password(DEMO_PASSWORD)
            user.save()
            RoleAssignment.objects.filter(user=user).delete()
            if role_code is not None:
                RoleAssignment.objects.create(
                    user=user,
                    role=roles[role_code],
                    unit=places[where],
                    valid_from=REFORM,
                    note="Dữ liệu mô phỏng",
                )


def _first_hamlet_cell(commune: Unit) -> Unit:
    """The first residential-area cell (by name) under ``commune`` today."""
    versions = (
        UnitVersion.objects.filter(parent=commune, valid_to__isnull=True, kind__code="chi_bo")
        .exclude(name__contains="Công an")
        .exclude(name__contains="Quân sự")
        .exclude(name__contains="Trạm Y tế")
        .select_related("unit")
        .order_by("sort_key", "unit_id")
    )
    return versions.first().unit


# ---------------------------------------------------------------- entry points


def find_demo_province() -> Unit | None:
    return Unit.objects.filter(code=MARKER_CODE, parent__isnull=True).order_by("pk").first()


def build_demo(
    *, seed: int = 2025, scale: float = 1.0, stdout=None, work_records: bool = True
) -> DemoResult:
    """Build the demo province (or return the existing one, found by its marker code).

    ``work_records=False`` stops after the members (the modules' own demo tests then run
    their ``populate`` alone)."""
    if scale <= 0:
        raise ValueError("scale phải lớn hơn 0.")
    started = time.monotonic()
    existing = find_demo_province()
    if existing is not None:
        return DemoResult(
            province=existing,
            created=False,
            counts=demo_counts(existing),
            logins=demo_logins(),
            seconds=time.monotonic() - started,
        )
    with transaction.atomic(), audit_source("demo"):
        builder = _Builder(seed=seed, scale=scale, stdout=stdout)
        builder.say(f"Đang tạo dữ liệu mô phỏng (seed={seed}, scale={scale:g})…")
        province = builder.build_province()
        builder.build_districts()
        builder.history()
        builder.reform()
        builder.personas()
        build_members(seed=seed, province=province, say=builder.say)
        if work_records:
            populate_work_records(seed=seed, province=province, say=builder.say)
    return DemoResult(
        province=province,
        created=True,
        counts=demo_counts(province),
        logins=demo_logins(),
        seed=seed,
        scale=scale,
        seconds=time.monotonic() - started,
    )


def demo_counts(province: Unit) -> dict[str, int]:
    today = date.today()
    units = Unit.objects.subtree_of(province)
    alive = units.alive_on(today)
    before = selectors.subtree_on(province, REFORM - timedelta(days=1))
    after = selectors.subtree_on(province, REFORM)
    return {
        "units_ever": units.count(),
        "units_alive": alive.count(),
        "new_communes": alive.filter(kind__code="xa").count(),
        "tccs": alive.filter(kind__is_grassroots=True).count(),
        "cells": alive.filter(kind__is_cell=True).count(),
        "districts_2025_06_30": before.filter(kind__code="huyen").count(),
        "old_communes_2025_06_30": before.filter(
            OLD_COMMUNE_NAME, kind__code="dang_bo_co_so", parent__kind__code="huyen"
        ).count(),
        "districts_2025_07_01": after.filter(kind__code="huyen").count(),
        "lineage_events": LineageEvent.objects.filter(unit__in=units).count(),
        **member_counts(province),
        **work_record_counts(province),
    }


def demo_logins() -> list[tuple[str, str, str, str]]:
    rows = []
    for username, _role, _where, description in PERSONAS:
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        assignment = RoleAssignment.objects.filter(user=user).select_related("unit", "role").first()
        unit_name = assignment.unit.name if assignment else "—"
        role_name = f" — {assignment.role.name}" if assignment else ""
        rows.append(
            (username, DEMO_PASSWORD, f"{user.full_name}: {description}{role_name}", unit_name)
        )
    return rows
