from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "dangvu.members"
    label = "members"
    verbose_name = "Đảng viên"
    menu = [(20, "Đảng viên", "members:list")]
    unit_panels = ["members:unit_summary"]  # see dangvu.orgs.views.unit_panel_names
    indicators = "dangvu.members.indicators.INDICATORS"  # see dangvu.reports.catalogue
