"""Figures of the emulation movements for a unit's subtree and a year (pure reads).

Which units and members count is :mod:`.selectors` (the year's units at the year's day D,
31/12 or today; old units merged in the 2025 reform count at their successors). All
figures are **per year**:

* **4 tốt** (state at D) — per target (chi bộ / đảng bộ cơ sở): the year's units of that
  kind (*existing*), those among them that pledged for the year (*pledged*), and those whose
  pledge the level above rated đạt (*passed*): "120/130 chi bộ đăng ký “Chi bộ 4 tốt”, đạt
  92,3%; 95 chi bộ đạt (79,2% số đăng ký, 73,1% tổng số)".
* **Học tập và làm theo** (state at D) — collectives: the year's units *below* the root
  with a collective registration, over those units; individuals: the expected members
  (dự bị and chính thức whose home unit on D is one of the year's units; excused members
  excluded) who registered for the year, over the expected members. The seed's
  "276 tập thể và 5.900 đảng viên đăng ký, đạt 97,4%" prints both counts and, as its
  percentage, the **individuals' rate** (5.900 of the members expected): the seed's own
  2021 line, "5.747 cá nhân đăng ký đạt tỷ lệ 97,2%", ties the rate to the individuals.
  The collectives' rate is printed beside it.
* **Models and examples** (flow: records of the year) — lam-theo models by kind and by
  collective / individual ("224 mô hình … (89 tập thể, 135 cá nhân)"); "Dân vận khéo"
  models registered (all of the year), evaluated (evaluated, effective or not effective),
  effective; recognitions of members by kind. These count at the root through
  :func:`dangvu.study.selectors.counted_units_q` (no sub-unit rows).

Reads: the year's tree (1 query), pledges (1), collective registrations (1), expected
members with their registrations (1), models (1), recognitions (1) — whatever the size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q

from dangvu.orgs.models import Unit
from dangvu.orgs.tree_paths import path_within
from dangvu.study.selectors import counted_units_q
from dangvu.vntext.formats import Ratio, format_number, ratio

from .models import (
    DvkState,
    Example,
    ExampleKind,
    Movement,
    Pledge,
    Recognition,
    Registration,
    Result,
    Target,
)
from .selectors import YearTree, expected_members, year_tree, year_units

Link = Callable[[object, str], str]  # (key, shown text) -> text, e.g. a link to a list


def _plain(_key, text: str) -> str:
    return text


UNIT_WORDS = {Target.CELL: "chi bộ", Target.COMMITTEE: "đảng bộ cơ sở"}


@dataclass
class FourGood:
    target: str
    existing: int = 0
    pledged: int = 0
    evaluated: int = 0
    passed: int = 0

    @property
    def pledged_ratio(self) -> Ratio:
        return ratio(self.pledged, self.existing)

    @property
    def passed_of_pledged(self) -> Ratio:
        return ratio(self.passed, self.pledged)

    @property
    def passed_of_existing(self) -> Ratio:
        return ratio(self.passed, self.existing)

    def sentence(self, link: Link = _plain) -> str:
        word, title = UNIT_WORDS[self.target], Target(self.target).label
        pledged = link(("pledged", self.target), format_number(self.pledged))
        passed = link(("passed", self.target), format_number(self.passed))
        return (
            f"{pledged}/{format_number(self.existing)} {word} đăng ký “{title}”, đạt "
            f"{self.pledged_ratio.percent_text()}; {passed} {word} được cấp trên công nhận "
            f"đạt “{title}” "
            f"(bằng {self.passed_of_pledged.percent_text()} số đăng ký, "
            f"{self.passed_of_existing.percent_text()} tổng số {word})"
        )


@dataclass
class LamTheo:
    collectives_expected: int = 0
    collectives_registered: int = 0
    members_expected: int = 0
    members_registered: int = 0

    @property
    def rate(self) -> Ratio:
        """The seed's percentage: individuals registered / members expected to register."""
        return ratio(self.members_registered, self.members_expected)

    @property
    def collective_rate(self) -> Ratio:
        return ratio(self.collectives_registered, self.collectives_expected)

    def sentence(self, link: Link = _plain) -> str:
        collectives = link("reg_collective", format_number(self.collectives_registered))
        members = link("reg_individual", format_number(self.members_registered))
        return (
            f"{collectives} tập thể và {members} đảng viên đăng ký học tập và làm theo, đạt tỷ lệ "
            f"{self.rate.percent_text()} ({format_number(self.members_registered)}/"
            f"{format_number(self.members_expected)} đảng viên thuộc diện đăng ký; tập thể "
            f"{format_number(self.collectives_registered)}/"
            f"{format_number(self.collectives_expected)}, "
            f"đạt {self.collective_rate.percent_text()})"
        )


@dataclass
class Row:
    unit: Unit | None
    label: str
    four_good: dict[str, FourGood] = field(
        default_factory=lambda: {t: FourGood(t) for t in Target.values}
    )
    lam_theo: LamTheo = field(default_factory=LamTheo)


@dataclass
class KindCount:
    kind: str
    label: str
    total: int = 0
    collective: int = 0
    individual: int = 0


@dataclass
class Examples:
    kinds: dict[str, KindCount] = field(
        default_factory=lambda: {k: KindCount(k, k.label.lower()) for k in ExampleKind}
    )
    dvk_registered: int = 0
    dvk_evaluated: int = 0
    dvk_effective: int = 0

    @property
    def total(self) -> int:
        return sum(k.total for k in self.kinds.values())

    @property
    def collective(self) -> int:
        return sum(k.collective for k in self.kinds.values())

    @property
    def individual(self) -> int:
        return sum(k.individual for k in self.kinds.values())

    def sentence(self, link: Link = _plain) -> str:
        parts = [
            f"{link(('kind', k.kind), format_number(k.total))} {k.label}"
            for k in self.kinds.values()
            if k.total
        ]
        text = (
            f"{link('examples', format_number(self.total))} mô hình hay, cách làm hiệu quả, "
            f"điển hình tiên tiến ({link('examples_collective', format_number(self.collective))}"
            f" tập thể, {link('examples_individual', format_number(self.individual))} cá nhân)"
        )
        return text + (": " + ", ".join(parts) if parts else "")

    def dvk_sentence(self, link: Link = _plain) -> str:
        return (
            f"{link('dvk', format_number(self.dvk_registered))} mô hình “Dân vận khéo” đăng ký, "
            f"{link('dvk_evaluated', format_number(self.dvk_evaluated))} đã được đánh giá, "
            f"{link('dvk_effective', format_number(self.dvk_effective))} được công nhận hiệu quả "
            f"({(ratio(self.dvk_effective, self.dvk_registered)).percent_text()} số đăng ký)"
        )


@dataclass
class RecognitionCount:
    kind_id: int
    name: str
    count: int


@dataclass
class Figures:
    root: Unit
    year: int
    day: date
    total: Row
    rows: list[Row]
    examples: Examples
    recognitions: list[RecognitionCount]
    merged: bool  # units that ended are counted here through their successors

    def recognition_sentence(self, link: Link = _plain) -> str:
        if not self.recognitions:
            return "Chưa ghi nhận biểu dương, tôn vinh nào"
        return "Biểu dương " + ", ".join(
            f"{link(('recognition', r.kind_id), format_number(r.count))} {r.name.lower()}"
            for r in self.recognitions
        )


def _inc(obj, name: str, by: int = 1) -> None:
    setattr(obj, name, getattr(obj, name) + by)


def _rows(tree: YearTree) -> dict[int, Row]:
    return {v.unit_id: Row(unit=None, label=v.name) for v in tree.rows}


def _maps_ended_units(tree: YearTree) -> bool:
    """Do the year's units include some outside the root's tree on the year's day (units
    that have since been merged into the root's subtree, or a root formed later)?"""
    own = tree.units.get(tree.root.pk)
    if own is None:
        return bool(tree.units)
    return any(not path_within(v.path, own.path) for v in tree.units.values())


def figures(root: Unit, year: int) -> Figures:
    tree = year_tree(root, year)
    units = year_units(root, year).values("pk")
    total = Row(unit=root, label=root.name)
    rows = _rows(tree)
    for version in tree.rows:
        rows[version.unit_id].unit = Unit(pk=version.unit_id, name=version.name)

    def add(unit_id: int, apply) -> None:
        apply(total)
        row = tree.row_of(unit_id)
        if row is not None and row in rows:
            apply(rows[row])

    # 4 tốt: existing units by target, their pledges and results
    targets = {uid: Target.CELL for uid in tree.cells}
    targets.update({uid: Target.COMMITTEE for uid in tree.committees})
    for uid, target in targets.items():
        add(uid, lambda r, t=target: _inc(r.four_good[t], "existing"))
    pledges = Pledge.objects.filter(year=year, unit__in=units).values_list(
        "unit_id", "evaluation__result"
    )
    for uid, result in pledges:
        target = targets.get(uid)
        if target is None:
            continue

        def apply(r, t=target, res=result):
            fg = r.four_good[t]
            fg.pledged += 1
            fg.evaluated += res is not None
            fg.passed += res == Result.PASSED

        add(uid, apply)

    # làm theo: collectives below the root, expected members
    below = set(tree.below_root)
    for uid in below:
        add(uid, lambda r: _inc(r.lam_theo, "collectives_expected"))
    collective = Registration.objects.filter(
        year=year, member__isnull=True, unit__in=units
    ).values_list("unit_id", flat=True)
    for uid in collective:
        if uid in below:
            add(uid, lambda r: _inc(r.lam_theo, "collectives_registered"))
    registered = Registration.objects.filter(year=year, member=OuterRef("member_id"))
    member_rows = (
        expected_members(root, year)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("id"), reg=Count("id", filter=Q(Exists(registered))))
    )
    for row in member_rows:

        def apply(r, n=row["n"], reg=row["reg"]):
            r.lam_theo.members_expected += n
            r.lam_theo.members_registered += reg

        add(row["unit_id"], apply)

    # models, Dân vận khéo, recognitions
    counted = counted_units_q(root, tree.day)
    examples = Examples()
    example_rows = (
        Example.objects.filter(counted, year=year)
        .values("movement", "kind", "state")
        .annotate(
            n=Count("id"),
            collective=Count("id", filter=Q(member__isnull=True)),
        )
        .order_by()
    )
    for row in example_rows:
        if row["movement"] == Movement.DAN_VAN_KHEO:
            examples.dvk_registered += row["n"]
            if row["state"] != DvkState.REGISTERED:
                examples.dvk_evaluated += row["n"]
            if row["state"] == DvkState.EFFECTIVE:
                examples.dvk_effective += row["n"]
            continue
        kind = examples.kinds[row["kind"]]
        kind.total += row["n"]
        kind.collective += row["collective"]
        kind.individual += row["n"] - row["collective"]
    recognitions = [
        RecognitionCount(r["kind_id"], r["kind__name"], r["n"])
        for r in Recognition.objects.filter(counted, year=year)
        .values("kind_id", "kind__name", "kind__sort_order")
        .annotate(n=Count("id"))
        .order_by("kind__sort_order", "kind_id")
    ]
    listed = [rows[v.unit_id] for v in tree.rows]
    return Figures(
        root=root,
        year=year,
        day=tree.day,
        total=total,
        rows=listed,
        examples=examples,
        recognitions=recognitions,
        merged=_maps_ended_units(tree),
    )
