"""Other modules add sections to the member page through their AppConfig."""

from django.apps import apps

SECTION = "members/tests_section.html"


def shown_section(request, member):
    return SECTION, {"note": f"Lớp học của {member.ten}"}


def hidden_section(request, member):
    return None


def test_sections_declared_by_apps_appear_on_the_profile(
    people, world, client, monkeypatch, settings
):
    engine = {**settings.TEMPLATES[0], "APP_DIRS": False}
    engine["OPTIONS"] = {
        **engine["OPTIONS"],
        "loaders": [
            (
                "django.template.loaders.locmem.Loader",
                {SECTION: '<p class="test-section">{{ note }}</p>'},
            ),
            "django.template.loaders.app_directories.Loader",
        ],
    }
    settings.TEMPLATES = [engine]
    web = apps.get_app_config("web")
    monkeypatch.setattr(
        web,
        "member_sections",
        [
            "dangvu.members.tests.test_sections.shown_section",
            "dangvu.members.tests.test_sections.hidden_section",
        ],
        raising=False,
    )
    client.force_login(world.users["commune_a"])
    page = client.get(f"/dang-vien/{people.hoa.pk}/").content.decode()
    assert '<p class="test-section">Lớp học của Hòa</p>' in page
    assert page.count("test-section") == 1
