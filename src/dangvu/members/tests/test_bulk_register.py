"""The bulk path (raw multi-row inserts) writes exactly what the one-by-one services write."""

from datetime import date

from dangvu.audit.models import AuditEntry
from dangvu.members import services
from dangvu.members.flat_records import history_and_timeline, history_from_record
from dangvu.members.importing import commit_planned, commit_rows
from dangvu.members.lifecycle import EventKind
from dangvu.members.models import Member, MemberEvent, MemberPeriod, PartyCard

# NFD, doubled and non-breaking spaces, a zero-width space: what the models clean on save
MESSY = {
    "ho": "Nguye\u0302\u0303n",
    "ten_dem": "Thi\u0323  Minh",
    "ten": " Hoa\u0300\u200b",
    "other_name": "Hai\u00a0 Ho\u0300a",
    "gender": "nu",
    "birth_date": date(1980, 2, 29),
    "ethnicity": "Kinh",
    "religion": "Phật  giáo",
    "hometown": "Xa\u0303 \u0110ông  Anh",
    "hometown_old": "Đông Anh",
    "qualification": "Cử nhân  kinh tế",
    "theory_level": "trung_cap",
    "phone": "0912 345 678",
}
ADMITTED, CEREMONY, OFFICIAL = date(2004, 5, 10), date(2004, 5, 19), date(2005, 6, 2)
SPONSORS = "Le\u0302 Va\u0306n  A,  Trần B"


def fields(obj, *skip) -> dict:
    """Every stored column (non-editable ones too) but the ids and timestamps."""
    skip = {"id", "member_id", "created_at", "recorded_at", *skip}
    return {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if f.attname not in skip
    }


def member_row(member):
    return fields(Member.objects.get(pk=member.pk), "revision")


def event_rows(member):
    return [fields(e) for e in MemberEvent.objects.filter(member=member).order_by("date", "id")]


def period_rows(member):
    return [fields(p) for p in MemberPeriod.objects.filter(member=member)]


def card_rows(member):
    return [fields(c) for c in PartyCard.objects.filter(member=member)]


def test_bulk_register_writes_what_register_member_writes(world):
    actor = world.users["commune_a"]
    one = services.register_member(
        actor=actor,
        identity=MESSY,
        admission_date=ADMITTED,
        ceremony_date=CEREMONY,
        unit=world.c1,
        official_date_decided=OFFICIAL,
        sponsors=SPONSORS,
        decision_number="12-QĐ/ĐU",
    )
    services.issue_card(
        actor=actor,
        member=one,
        number="01.234567",
        issued_on=date(2006, 3, 3),
        issuer="Ti\u0309nh ủy",
    )
    people = [
        {
            "identity": MESSY,
            "events": [
                {
                    "kind": EventKind.ADMISSION,
                    "date": ADMITTED,
                    "ceremony_date": CEREMONY,
                    "unit": world.c1,
                    "sponsors": SPONSORS,
                    "decision_number": "12-QĐ/ĐU",
                },
                {"kind": EventKind.RECOGNITION, "date": OFFICIAL},
            ],
            "cards": [
                {"number": "02.234567", "issued_on": date(2006, 3, 3), "issuer": "Ti\u0309nh ủy"}
            ],
        }
    ]
    assert services.bulk_register(actor=actor, people=people, reason="thử") == 1
    bulk = Member.objects.exclude(pk=one.pk).get()

    one_row, bulk_row = member_row(one), member_row(bulk)
    assert bulk_row == one_row
    assert bulk_row["full_name"] == "Nguyễn Thị Minh Hoà" and bulk_row["hometown"] == "Xã Đông Anh"
    assert bulk.created_at is not None and bulk.revision == 1
    assert event_rows(bulk) == event_rows(one)
    assert event_rows(bulk)[0]["sponsors"] == "Lê Văn A, Trần B"
    assert period_rows(bulk) == period_rows(one)
    assert [c | {"number": "01.234567"} for c in card_rows(bulk)] == card_rows(one)
    assert all(e.recorded_at is not None for e in MemberEvent.objects.filter(member=bulk))
    entry = AuditEntry.objects.get(action="members.member.register_bulk")
    assert entry.object_id == f"{bulk.pk}-{bulk.pk}" and entry.unit_id == world.c1.pk
    assert entry.after == {"members": [[bulk.pk, "Nguyễn Thị Minh Hoà", world.c1.pk]]}
    assert entry.reason == "thử" and entry.actor == actor


def test_bulk_ids_follow_the_order_of_the_people(world):
    people = [
        {
            "identity": {"ten": f"Người {i}", "gender": "nam", "birth_date": date(1970, 1, 1)},
            "events": [
                {
                    "kind": EventKind.ADMISSION,
                    "date": date(2000, 1, 1),
                    "ceremony_date": date(2000, 1, 1),
                    "unit": world.c2,
                }
            ],
        }
        for i in range(7)
    ]
    services.bulk_register(actor=None, people=people, batch_size=3)
    names = list(Member.objects.order_by("pk").values_list("ten", flat=True))
    assert names == [f"Người {i}" for i in range(7)]
    entries = list(AuditEntry.objects.filter(action="members.member.register_bulk").order_by("pk"))
    assert [len(e.after["members"]) for e in entries] == [3, 3, 1]
    pks = [pk for e in entries for pk, _, _ in e.after["members"]]
    assert pks == list(Member.objects.order_by("pk").values_list("pk", flat=True))
    assert MemberEvent.objects.filter(member_id__in=pks).count() == 7


def test_checked_import_path_writes_what_the_checking_path_writes(world):
    """commit_planned (the file import) skips the second check; the rows must not differ."""
    values = {
        "ho": "Trần",
        "ten_dem": "Văn",
        "ten": "Bình",
        "gender": "nam",
        "birth_date": date(1975, 3, 2),
        "admission_date": date(2000, 5, 5),
        "official_date": date(2001, 5, 19),
        "status": "tu_tran",
        "left_on": date(2024, 6, 5),
        "hometown": "Hà  Nội",
    }
    commit_rows(actor=None, rows=[(2, dict(values), world.c1)], source_name="a.xlsx")
    history, timeline = history_and_timeline(dict(values), world.c1)
    assert history == history_from_record(dict(values), world.c1)
    commit_planned(actor=None, planned=[(2, dict(values), history, timeline)], source_name="a.xlsx")
    first, second = Member.objects.order_by("pk")
    assert member_row(first) == member_row(second)
    assert event_rows(first) == event_rows(second)
    assert period_rows(first) == period_rows(second)


def test_a_bulk_write_leaves_nothing_in_the_trigram_index_pending_list(
    world, django_capture_on_commit_callbacks
):
    """PostgreSQL: once the bulk write commits (its on-commit callback is run here), its rows
    are merged into the name index (a name search would otherwise read the whole pending
    list through)."""
    import pytest
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("GIN pending list: PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [services.NAME_INDEX])
        if cursor.fetchone()[0] is None:
            pytest.skip("no pg_trgm index")
    with django_capture_on_commit_callbacks(execute=True):
        services.bulk_register(
            actor=None,
            people=[
                {
                    "identity": {**MESSY, "ten": f"Hoa {i}", "birth_date": date(1980, 1, 1 + i)},
                    "events": [
                        {
                            "kind": EventKind.ADMISSION,
                            "date": ADMITTED,
                            "ceremony_date": CEREMONY,
                            "unit": world.c1,
                        }
                    ],
                    "cards": [],
                }
                for i in range(20)
            ],
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [services.NAME_INDEX])
        assert cursor.fetchone()[0] == 0
