"""Members admitted through the services, for the fixtures of the apps built on members."""

from datetime import date

from dangvu.members import services as member_services
from dangvu.members.lifecycle import EventKind
from dangvu.members.models import Member


def admit(unit, full_name, admitted, *, official=None, gender="nam", born=date(1980, 1, 1)):
    """A member of ``unit`` admitted on ``admitted`` (and recognised official on
    ``official``), read back with the status the events give."""
    member = member_services.register_member(
        actor=None,
        identity={
            **member_services.name_parts(full_name),
            "gender": gender,
            "birth_date": born,
        },
        admission_date=admitted,
        ceremony_date=admitted,
        unit=unit,
    )
    if official:
        member_services.record_event(
            actor=None, member=member, kind=EventKind.RECOGNITION, date=official
        )
    return Member.objects.get(pk=member.pk)


def event(member, kind, day, **details):
    """Record a lifecycle event of ``member``; the member read back."""
    member_services.record_event(actor=None, member=member, kind=kind, date=day, **details)
    return Member.objects.get(pk=member.pk)
