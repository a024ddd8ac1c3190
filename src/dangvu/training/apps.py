from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "dangvu.training"
    label = "training"
    verbose_name = "Đào tạo, bồi dưỡng"
    menu = [(40, "Đào tạo", "training:list")]  # see dangvu.web.context_processors
    member_sections = ["dangvu.training.selectors.member_section"]
    indicators = "dangvu.training.indicators.INDICATORS"  # see dangvu.reports.catalogue
