"""E-mail leaves through the task queue, never from inside a transaction.

`queue_email` stores the message as a task in the same transaction as the change it tells
about: it goes out only if that change is committed, and the SMTP conversation happens in
the task worker, after commit. A slow or hung mail server therefore never holds a database
lock (on SQLite a hung SMTP used to freeze every write for ~20 s). Tests run tasks at once.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.tasks import task

_held: ContextVar[bool] = ContextVar("werkplek_mail_held", default=False)


@contextmanager
def mail_held() -> Iterator[None]:
    """Nothing is queued inside: for building the demo, whose people are fictional (on a
    first `make run` the worker printed their e-mails and the demo logins scrolled away)."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)


def queue_email(message: EmailMessage) -> None:
    if _held.get():
        return
    alternatives = getattr(message, "alternatives", [])
    send_email.enqueue(
        subject=str(message.subject),
        body=message.body,
        to=list(message.to),
        reply_to=list(message.reply_to),
        html=next((content for content, kind in alternatives if kind == "text/html"), ""),
        attachments=[
            [name, content.decode() if isinstance(content, bytes) else content, kind]
            for name, content, kind in message.attachments
        ],
    )


@task()
def send_email(
    subject: str,
    body: str,
    to: list[str],
    reply_to: list[str],
    html: str,
    attachments: list[list[str]],
) -> int:
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, reply_to=reply_to)
    if html:
        message.attach_alternative(html, "text/html")
    for name, content, kind in attachments:
        message.attach(name, content, kind)
    return message.send()
