from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_form_errors(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """A form with errors comes back with 422, so htmx swaps it and tests can tell."""
    return render(request, template, context, status=422)
