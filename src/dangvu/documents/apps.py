from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "dangvu.documents"
    label = "documents"
    verbose_name = "Văn bản, thực hiện, học tập quán triệt"
    menu = [(30, "Văn bản", "documents:list")]
