"""How you came across someone, from a contact's `source`, said as an outreach says it.

`source` is free text (`LinkedIn`, `alumni network`, `ResearchOps Berlin talk`), so
it is read for what kind of place it names and phrased to fit:

- a talk or its speaker (`conference speaker`, `ResearchOps Berlin talk`):
  I heard you speak at a conference / at ResearchOps Berlin;
- a platform (`LinkedIn`, `Mastodon`): I came across your profile on LinkedIn;
- an event (`ResearchOps meetup`, `UX Camp Europe`): I came across your name at
  the ResearchOps meetup / at UX Camp Europe;
- a network you share (`alumni network`, `professional association`): I found
  your name through our alumni network;
- a referral with nobody in `referred_by` (`referral`, `referral from Ann`): a
  mutual contact suggested I get in touch / Ann suggested I get in touch;
- anything else (`Grace's newsletter`): I came across your name through Grace's
  newsletter.

A source that already starts with a preposition (`at ResearchOps Berlin`, `via
Grace`) is used as written. A generic noun gets an article (`a conference`, `our
alumni network`); a name of its own (`UX Camp Europe`) does not; a name followed
by a generic noun gets `the` (`the ResearchOps meetup`).
"""

from __future__ import annotations

import re

from vaultkit.core.markup import plain

_SPEAKER = frozenset(
    (
        "speaker", "speakers", "talk", "talks", "keynote", "spoke", "presentation", "panel",
        "panelist"
    )
)  # fmt: skip
_PLATFORMS = {
    p.casefold(): p
    for p in (
        "LinkedIn", "Twitter", "X", "Mastodon", "Bluesky", "Threads", "GitHub", "Medium",
        "Substack", "YouTube", "Slack", "Discord", "Reddit", "Instagram", "Facebook", "TikTok",
        "Xing", "Dribbble", "Behance",
    )
}  # fmt: skip
_EVENTS = frozenset(
    (
        "conference", "conferences", "meetup", "meetups", "summit", "event", "events",
        "workshop", "workshops", "fair", "festival", "camp", "hackathon", "expo", "convention",
        "forum", "symposium", "webinar"
    )
)  # fmt: skip
# Groups you belong to with them: `our` before the generic form.
_SHARED = frozenset(
    (
        "alumni", "network", "association", "society", "club", "community", "chapter"
    )
)  # fmt: skip
_REFERRAL = frozenset(
    (
        "referral", "referred", "friend", "colleague", "introduction", "intro", "mutual"
    )
)  # fmt: skip
_PREPOSITIONS = frozenset(
    (
        "at", "on", "through", "via", "from", "in", "by", "after", "during"
    )
)  # fmt: skip
_ARTICLES = frozenset(("a", "an", "the", "our", "my", "your", "their", "his", "her"))
_DROPPED = frozenset({"at", "the", "a", "an"})
_REFERRED_BY = re.compile(r"(?:referral|referred|introduction|intro)\s+(?:from|by)\s+(.+)", re.I)


def found_clause(source: object) -> str:
    """The clause an outreach opens with (`I heard you speak at ...`), or '' for no source.

    It is a clause to start a sentence with; the template gives it its capital.
    """
    text = " ".join(plain(str(source or "")).split()).strip(" .,;:")
    if not text:
        return ""
    words = text.split()
    if [_key(w) for w in words] == ["alumni"]:
        words.append("network")
    keys = [_key(w) for w in words]
    if keys[0] in _PREPOSITIONS:
        return f"I came across your name {text}"
    if any(k in _SPEAKER for k in keys):
        rest = [w for w, k in zip(words, keys, strict=True) if k not in _SPEAKER]
        while rest and _key(rest[0]) in _DROPPED:
            rest.pop(0)
        place = _with_article(rest) if rest else "a conference"
        return f"I heard you speak at {place}"
    if len(words) == 1 and keys[0] in _PLATFORMS:
        return f"I came across your profile on {_PLATFORMS[keys[0]]}"
    by = _REFERRED_BY.match(text)
    if by:
        return f"{by.group(1)} suggested I get in touch"
    if set(keys) & _REFERRAL:
        return "a mutual contact suggested I get in touch"
    if any(k in _EVENTS for k in keys):
        return f"I came across your name at {_with_article(words)}"
    if any(k in _SHARED for k in keys):
        return f"I found your name through {_with_article(words, shared=True)}"
    return f"I came across your name through {_with_article(words)}"


def _key(word: str) -> str:
    return word.casefold().strip(".,;:!?()\"'")


def _with_article(words: list[str], *, shared: bool = False) -> str:
    """`a conference`, `our alumni network`, `UX Camp Europe`, `the ResearchOps meetup`."""
    text = " ".join(words)
    if _key(words[0]) in _ARTICLES or any(w.endswith(("'s", "’s")) for w in words):
        return text
    if all(_is_capitalised(w) for w in words):
        return text  # a name of its own
    if any(_is_capitalised(w) for w in words):
        return f"the {text}"
    if shared:
        return f"our {text}"
    return f"{'an' if re.match(r'[aeiou]', text, re.I) else 'a'} {text}"


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() or any(c.isdigit() for c in word)
