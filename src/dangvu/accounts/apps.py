from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangvu.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và vai trò"
    menu = [(85, "Người dùng", "accounts:list")]
