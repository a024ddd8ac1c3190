from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "dangvu.ratings"
    label = "ratings"
    verbose_name = "Kiểm điểm, đánh giá, xếp loại"
    menu = [(60, "Đánh giá, xếp loại", "ratings:list")]  # see dangvu.web.context_processors
    member_sections = ["dangvu.ratings.selectors.member_section"]  # see dangvu.members.sections
    unit_panels = ["ratings:unit"]  # see dangvu.orgs.views.unit_panel_names
    indicators = "dangvu.ratings.indicators.INDICATORS"  # see dangvu.reports.catalogue
