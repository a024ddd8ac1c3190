"""Dân vận fixtures: helpers that record feedback and issues through the services."""

from datetime import date

from dangvu.citizens import services
from dangvu.citizens.models import Channel, Sector


def channel(code: str = "giao_ban_tu_tuong") -> Channel:
    return Channel.objects.get(code=code)


def sector(code: str = "dat_dai") -> Sector:
    return Sector.objects.get(code=code)


def received(unit, day=date(2025, 9, 1), *, code="dat_dai", actor=None, **extra):
    return services.record_feedback(
        actor=actor,
        unit=unit,
        channel=extra.pop("channel", channel()),
        sector=sector(code),
        raised_by=extra.pop("raised_by", "Ông Nguyễn Văn Tư, thôn 2"),
        content=extra.pop("content", "Đề nghị xem xét việc cấp giấy chứng nhận đất ở."),
        received_on=day,
        **extra,
    )


def routed(unit, day=date(2025, 9, 1), *, due=date(2025, 9, 30), to=None, actor=None, **extra):
    feedback = received(unit, day, actor=actor, **extra)
    return services.route_feedback(
        actor=actor,
        feedback=feedback,
        expected_revision=feedback.revision,
        routed_on=day,
        due_on=due,
        routed_unit=to,
        routed_agency="" if to else "UBND xã",
    )


def answered(unit, day=date(2025, 9, 1), *, on=date(2025, 9, 20), due=date(2025, 9, 30), **kw):
    feedback = routed(unit, day, due=due, **kw)
    return services.answer_feedback(
        actor=kw.get("actor"),
        feedback=feedback,
        expected_revision=feedback.revision,
        response="Đã trả lời bằng văn bản.",
        responded_on=on,
    )


def issue(unit, year=2025, *, code="giai_phong_mat_bang", title="Vụ việc", actor=None):
    return services.select_issue(
        actor=actor,
        unit=unit,
        year=year,
        sector=sector(code),
        title=title,
        plan="Tổ công tác phối hợp giải quyết trong quý.",
    )
