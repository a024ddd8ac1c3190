"""Running a service from a submitted form: refused changes become form errors."""

from django import forms
from django.core.exceptions import ValidationError

NOTHING = object()


def submit(request, form: forms.Form, action):
    """Call ``action(form)`` for a valid POST; return its result, or ``NOTHING``.

    A ``ValidationError`` raised by the service (which has then written nothing) is shown
    on the form in Vietnamese as the service worded it.
    """
    if request.method != "POST" or not form.is_valid():
        return NOTHING
    try:
        return action(form)
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return NOTHING
