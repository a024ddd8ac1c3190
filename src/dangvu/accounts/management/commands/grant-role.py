from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dangvu.accounts.models import Role, User
from dangvu.accounts.scopes import today
from dangvu.accounts.services import assign_role
from dangvu.audit.context import audit_source
from dangvu.orgs.models import Unit


class Command(BaseCommand):
    help = "Phân công vai trò cho người dùng tại một tổ chức (và toàn bộ cấp dưới)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", help="Mã vai trò, ví dụ to_chuc, bi_thu_chi_bo")
        parser.add_argument("unit_id", type=int, help="Mã số (id) của tổ chức")
        parser.add_argument("--from", dest="valid_from", help="Từ ngày dd/mm/yyyy")

    def handle(self, *args, username, role, unit_id, valid_from, **options):
        user = User.objects.filter(username=username).first()
        role_obj = Role.objects.filter(code=role).first()
        unit = Unit.objects.filter(pk=unit_id).first()
        if user is None:
            raise CommandError(f"Không có người dùng “{username}”.")
        if role_obj is None:
            codes = ", ".join(Role.objects.values_list("code", flat=True))
            raise CommandError(f"Không có vai trò “{role}”. Các vai trò: {codes}.")
        if unit is None:
            raise CommandError(f"Không có tổ chức mã số {unit_id}.")
        try:
            start = datetime.strptime(valid_from, "%d/%m/%Y").date() if valid_from else today()
        except ValueError as exc:
            raise CommandError("Ngày phải theo dạng dd/mm/yyyy.") from exc
        try:
            with audit_source("command"):
                assign_role(actor=None, user=user, role=role_obj, unit=unit, valid_from=start)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Đã phân công {role_obj.name} tại {unit.name} cho {user}.")
