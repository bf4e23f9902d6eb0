"""Drafts as mail: `.eml` files and `mailto:` URLs, read back with the standard library's
own parsers."""

from __future__ import annotations

import datetime as dt
import email
from email import policy
from email.headerregistry import Address
from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.errors import VaultError
from vaultkit.formats.drafts import Draft
from vaultkit.formats.mail import eml_bytes, mailto_url

WHEN = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


def a_draft(
    name: str = "Zoë Ñúñez",
    to: str = "zoe@example.com",
    subject: str = "Re: your talk: a question",
    message: str = "Hi Zoë,\n\nThank you for your time.\n\nAlex Rivera\n",
) -> Draft:
    """A draft as render_draft makes one."""
    return Draft(
        kind="thank-you",
        name=name,
        stem=name,
        to=to,
        subject=subject,
        message=message,
        sender="Alex Rivera",
        sender_email="alex@example.com",
        email_where="contacts/Zoë Ñúñez.md:5",
    )


def parsed(data: bytes) -> email.message.EmailMessage:
    """The .eml bytes read back by the standard library's parser."""
    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def test_eml_round_trips_headers_and_body() -> None:
    """To (name and address), From, Subject with colons, Date, X-Unsent and the body."""
    message = parsed(eml_bytes(a_draft(), when=WHEN))
    to = message["To"].addresses
    assert to == (Address("Zoë Ñúñez", addr_spec="zoe@example.com"),)
    assert message["From"].addresses == (Address("Alex Rivera", addr_spec="alex@example.com"),)
    assert message["Subject"] == "Re: your talk: a question"
    assert message["Date"].datetime == WHEN
    assert message["X-Unsent"] == "1"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content().replace("\r\n", "\n") == a_draft().message


def test_eml_headers_are_ascii_with_encoded_words_and_crlf() -> None:
    """Non-ASCII names are RFC 2047 encoded words; every line ends in CRLF."""
    data = eml_bytes(a_draft(), when=WHEN)
    head = data.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()
    to_line = next(line for line in head.split(b"\r\n") if line.startswith(b"To:"))
    assert b"=?utf-8?" in to_line and b"<zoe@example.com>" in to_line
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"Date: Sun, 22 Nov 2026 12:00:00 +0000" in head


def test_eml_without_an_address_has_no_to_header() -> None:
    """No email in the note: the message opens with the To: line for the user to fill in."""
    message = parsed(eml_bytes(a_draft(to=""), when=WHEN))
    assert message["To"] is None
    assert message["Subject"] == "Re: your talk: a question"


def test_eml_with_a_broken_address_names_the_file() -> None:
    """An email property that is not an address is one clear error naming file and line."""
    with pytest.raises(VaultError) as caught:
        eml_bytes(a_draft(to="zoe at example"), when=WHEN)
    assert caught.value.message.startswith("contacts/Zoë Ñúñez.md:5: 'zoe at example' is not an")


def mailto_parts(url: str) -> tuple[str, dict[str, str]]:
    """The address and the decoded fields of a mailto: URL, split by hand as RFC 6068 says."""
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    fields = {}
    for pair in parts.query.split("&"):
        key, _, value = pair.partition("=")
        fields[key] = unquote(value, encoding="utf-8", errors="strict")
    return unquote(parts.path), fields


def test_mailto_round_trips() -> None:
    """Address, subject and body come back as written; line breaks are %0D%0A."""
    url = mailto_url(a_draft())
    address, fields = mailto_parts(url)
    assert address == "zoe@example.com"
    assert fields["subject"] == "Re: your talk: a question"
    assert fields["body"] == a_draft().message.replace("\n", "\r\n")
    assert "%0D%0A" in url and " " not in url and "+" not in url


def test_mailto_without_an_address() -> None:
    """With no address the URL is `mailto:?subject=...`, which mail programs accept."""
    assert mailto_url(a_draft(to="")).startswith("mailto:?subject=")


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r"),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip() == t and t)


@given(TEXT, st.lists(TEXT, min_size=1, max_size=4))
def test_any_subject_and_body_survive_both_forms(subject: str, lines: list[str]) -> None:
    """Whatever the subject and the lines of the body, both parsers give them back."""
    message = "\n".join(lines) + "\n"
    draft = a_draft(subject=subject, message=message)
    _, fields = mailto_parts(mailto_url(draft))
    assert fields["subject"] == subject
    assert fields["body"] == message.replace("\n", "\r\n")
    back = parsed(eml_bytes(draft, when=WHEN))
    assert back["Subject"] == subject
    assert back.get_content().replace("\r\n", "\n") == message
