"""Walk a URL conf: (route, pattern) for every view, with the prefixes of its includes."""

from django.urls import URLPattern, URLResolver


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry
