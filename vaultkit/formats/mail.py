"""A draft as a mail program takes it: an RFC 5322 `.eml` file, or a `mailto:` URL.

The `.eml` file is a plain-text message in UTF-8 with `To:` (the contact's name and
address), `From:` (yours, from vault.toml), `Subject:`, `Date:` and `X-Unsent: 1`,
the header Outlook and Apple Mail read as "a draft to send", so opening the file
opens a message ready to send. Names and subjects outside ASCII are written as
RFC 2047 encoded words, as every mail program reads them. Lines end in CRLF, as
RFC 5322 has them.

The `mailto:` URL follows RFC 6068: the address, then `subject` and `body`, each
percent-encoded as UTF-8, with the body's line breaks as `%0D%0A`.
"""

from __future__ import annotations

import datetime as dt
from email import policy as policies
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from typing import TYPE_CHECKING
from urllib.parse import quote

from vaultkit.errors import USAGE, VaultError

if TYPE_CHECKING:
    from vaultkit.formats.drafts import Draft

# Beyond about this many characters some programs (Windows' handler among them) cut a
# mailto: URL short.
LONGEST_MAILTO = 2000
_POLICY = policies.default.clone(linesep="\r\n")
_UTF8_POLICY = policies.SMTPUTF8.clone(linesep="\r\n")


def eml_bytes(draft: Draft, *, when: dt.datetime) -> bytes:
    """The draft as an unsent RFC 5322 message, ready for a mail program to open."""
    message = EmailMessage(policy=_POLICY)
    to = _address(draft.name, draft.to, where=draft.email_where)
    if to is not None:
        message["To"] = to
    sender = _address(draft.sender, draft.sender_email, where="vault.toml: [me] email")
    if sender is not None:
        message["From"] = sender
    message["Subject"] = draft.subject
    message["Date"] = format_datetime(when if when.tzinfo else when.astimezone())
    message["X-Unsent"] = "1"
    message.set_content(draft.message)
    needs_utf8 = any(not a.isascii() for a in (draft.to, draft.sender_email))
    return message.as_bytes(policy=_UTF8_POLICY if needs_utf8 else _POLICY)


def _address(name: str, email: str, *, where: str) -> Address | None:
    """`Zoë Ñúñez <zoe@example.com>`; None without an address."""
    if not email.strip():
        return None
    try:
        return Address(display_name=" ".join(name.split()), addr_spec=email.strip())
    except (ValueError, IndexError) as err:
        raise VaultError(
            f"{where}: {email!r} is not an email address ({err}); correct it and draft again",
            USAGE,
        ) from None


def mailto_url(draft: Draft) -> str:
    """`mailto:ADDRESS?subject=...&body=...`, percent-encoded as RFC 6068 asks."""
    body = draft.message.replace("\r\n", "\n").replace("\n", "\r\n")
    to = quote(draft.to.strip(), safe="@")
    return f"mailto:{to}?subject={quote(draft.subject, safe='')}&body={quote(body, safe='')}"
