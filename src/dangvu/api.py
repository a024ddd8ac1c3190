"""The JSON API (django-ninja) at /api/, with OpenAPI docs served locally at /api/docs."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyHeader, HttpBearer, django_auth

from dangvu.accounts.tokens import user_for_token


class TokenAuth(HttpBearer):
    """``Authorization: Bearer dv_…`` with a token from ``dangvu create-token``."""

    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class TokenHeaderAuth(APIKeyHeader):
    param_name = "X-API-Token"

    def authenticate(self, request, key):
        user = user_for_token(key or "")
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="dangvu API",
    version="1",
    description="API của hệ thống dangvu. Mọi đối tượng ngoài phạm vi của người dùng trả 404.",
    # a token first: the session's check asks for a CSRF token on every write and answers 403
    # before a later method is tried, so a script with a token could not write
    auth=[TokenAuth(), TokenHeaderAuth(), django_auth],
    urls_namespace="api",
    docs_decorator=login_required,
)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


@api.exception_handler(NinjaValidationError)
def invalid(request, exc):
    return api.create_response(
        request, {"detail": "Dữ liệu gửi lên không hợp lệ.", "errors": exc.errors}, status=422
    )


api.add_router("/units/", "dangvu.orgs.api.router")
api.add_router("/members/", "dangvu.members.api.router")
api.add_router("/documents/", "dangvu.documents.api.router")
api.add_router("/implementation/", "dangvu.implementation.api.router")
api.add_router("/study/", "dangvu.study.api.router")
api.add_router("/training/", "dangvu.training.api.router")
api.add_router("/meetings/", "dangvu.meetings.api.router")
api.add_router("/oversight/", "dangvu.oversight.api.router")
api.add_router("/citizens/", "dangvu.citizens.api.router")
api.add_router("/ratings/", "dangvu.ratings.api.router")
api.add_router("/emulation/", "dangvu.emulation.api.router")
api.add_router("/checker/", "dangvu.checker.api.router")
api.add_router("/reports/", "dangvu.reports.api.router")
api.add_router("/jobs/", "dangvu.jobs.api.router")
