"""Running a service from a submitted form: refused changes become form errors."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

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


def form_page(request, form, action, *, success: str, template: str, context: dict, target):
    """A change form: on success say so and go to ``target(result)`` (a URL name and args);
    otherwise show the form again with the service's reasons."""
    result = submit(request, form, action)
    if result is not NOTHING:
        messages.success(request, success)
        return redirect(*target(result))
    return render(request, template, {"form": form, **context})
