from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "dangvu.training"
    label = "training"
    verbose_name = "Đào tạo, bồi dưỡng"
    menu = []  # (position, label, url name), see dangvu.web.context_processors
