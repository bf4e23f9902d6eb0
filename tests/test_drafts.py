"""`vault draft`: templates, their overrides and errors, missing fields and saved drafts."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import frontmatter
import pytest
from click.testing import Result

from vaultkit.core.config import load_config
from vaultkit.formats.drafts import render_draft, split_subject
from vaultkit.formats.templating import Templates, date_words, english_list, first_name, sentence
from vaultkit.store.index import load_vault

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"

Run = Callable[..., Result]
WriteNote = Callable[[Path, str, str | bytes], Path]

DONE_INTERVIEW = """\
---
type: interview
contact: "[[Jane Doe]]"
date: 2026-11-20
status: done
---
# Interview with [[Jane Doe]]

## Questions

- What does a typical week look like?

## Insights

- Start with the participant panel.
- Second insight.

## Action items

- [ ] Send Jane my portfolio 📅 2026-11-30
- [x] Add Sam to the vault
"""


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of example-vault in tmp_path, so no cache lands in the repository."""
    target = tmp_path / "example-vault"
    shutil.copytree(REPO / "example-vault", target, ignore=shutil.ignore_patterns(".vaultkit"))
    return target


@pytest.fixture
def met_vault(jane_vault: Path, write_note: WriteNote) -> Path:
    """Jane Doe and one done interview with her: two insights, one open action item."""
    write_note(jane_vault, "interviews/2026-11-20 Jane Doe.md", DONE_INTERVIEW)
    return jane_vault


def draft(run_cli: Run, vault: Path, *args: str | Path) -> Result:
    """`vault draft ARGS... --today 2026-11-22 --vault VAULT`."""
    return run_cli("draft", *args, "--today", TODAY, "--vault", vault)


def one_error_line(result: Result) -> str:
    """The single line a failed command prints on stderr, with no traceback."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


# -- templates: override order, --template, errors --------------------------------------------


def test_vault_template_overrides_the_default(met_vault: Path, run_cli: Run) -> None:
    """templates/thank-you.md in the vault is used instead of the one shipped."""
    (met_vault / "templates").mkdir()
    (met_vault / "templates" / "thank-you.md").write_text(
        "Subject: Mine\n\nHi {{ contact.name }}\n"
    )
    result = draft(run_cli, met_vault, "thank-you", "Jane Doe")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Subject: Mine\n\nHi Jane Doe\n"


def test_template_option_beats_vault_and_default(met_vault: Path, run_cli: Run) -> None:
    """--template FILE is used even when the vault overrides the same kind."""
    (met_vault / "templates").mkdir()
    (met_vault / "templates" / "thank-you.md").write_text("Subject: Vault\n\nvault\n")
    mine = met_vault.parent / "mine.md"
    mine.write_text("Subject: File\n\n{{ insights | english_list }}\n")
    result = draft(run_cli, met_vault, "thank-you", "Jane Doe", "--template", mine)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Subject: File\n\nStart with the participant panel. and Second insight.\n"
    )


def test_vault_signature_is_used_by_the_default_templates(met_vault: Path, run_cli: Run) -> None:
    """A vault's templates/signature.md replaces the signature of every default template."""
    (met_vault / "templates").mkdir()
    (met_vault / "templates" / "signature.md").write_text("{{ me.name }}, Berlin\n")
    result = draft(run_cli, met_vault, "outreach", "Jane Doe")
    assert result.stdout.endswith("Thank you for considering it,\nTest User, Berlin\n")


@pytest.mark.parametrize(
    "escape",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ contact.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ lipsum.__globals__['os'] }}",
        "{{ self._TemplateReference__context }}",
        "{{ '{0.__class__}'.format(1) }}",
        "{{ today.__class__ }}",
        "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    ],
)
def test_sandbox_escapes_fail_cleanly(met_vault: Path, run_cli: Run, escape: str) -> None:
    """Reaching Python internals from a template is refused: exit 2, one line, the file:line."""
    template = met_vault.parent / "evil.md"
    template.write_text(f"Subject: hi\n\n{escape}\n")
    result = draft(run_cli, met_vault, "outreach", "Jane Doe", "--template", template)
    assert result.exit_code == 2
    line = one_error_line(result)
    assert line.startswith(f"vault: {template}:3: ")
    assert result.stdout == ""


def test_undefined_name_names_path_line_and_name(met_vault: Path, run_cli: Run) -> None:
    """A misspelt property fails with the template's path, its line and the name at fault."""
    (met_vault / "templates").mkdir()
    path = met_vault / "templates" / "nudge.md"
    path.write_text("Subject: hi\n\nHi {{ contact.first_name }},\n{{ contact.compnay }}\n")
    result = draft(run_cli, met_vault, "nudge", "Jane Doe")
    assert result.exit_code == 2
    line = one_error_line(result)
    assert line.startswith(f"vault: {path}:4: ")
    assert "compnay" in line


def test_undefined_top_level_name(met_vault: Path, run_cli: Run) -> None:
    """An unknown top-level name is reported by name."""
    template = met_vault.parent / "t.md"
    template.write_text("Subject: {{ subjct }}\n")
    result = draft(run_cli, met_vault, "nudge", "Jane Doe", "--template", template)
    assert result.exit_code == 2
    assert one_error_line(result) == f"vault: {template}:1: 'subjct' is undefined"


@pytest.mark.parametrize(
    ("source", "line", "at_fault"),
    [
        ("Subject: hi\n\n{% for x in insights %}\n{{ x }}\n", 4, "'endfor'"),
        ("Subject: hi\n{% if today %}\n{% endfor %}\n", 3, "unknown tag 'endfor'"),
        ("Subject: {{ contact.name\n", 1, "'end of print statement'"),
        ("Subject: hi\n\n{{ contact.name | shout }}\n", 3, "No filter named 'shout'"),
        ("Subject: hi\n\n\n{% greet contact %}\n", 4, "unknown tag 'greet'"),
    ],
)
def test_syntax_error_names_path_line_and_what_is_wrong(
    met_vault: Path, run_cli: Run, source: str, line: int, at_fault: str
) -> None:
    """A template syntax error fails with the path, the line and the name at fault, exit 2."""
    template = met_vault.parent / "t.md"
    template.write_text(source)
    result = draft(run_cli, met_vault, "update", "Jane Doe", "--template", template)
    assert result.exit_code == 2
    error = one_error_line(result)
    assert error.startswith(f"vault: {template}:{line}: template syntax error: ")
    assert at_fault in error
    assert result.stdout == ""


def test_syntax_error_in_a_vault_template(met_vault: Path, run_cli: Run) -> None:
    """A broken template in the vault's templates/ is named by its own path and line."""
    (met_vault / "templates").mkdir()
    path = met_vault / "templates" / "thank-you.md"
    path.write_text("Subject: Thanks\n\n{% if insights %}\n{{ insights[0] }}\n")
    result = draft(run_cli, met_vault, "thank-you", "Jane Doe")
    assert result.exit_code == 2
    assert one_error_line(result).startswith(f"vault: {path}:4: template syntax error: ")


def test_vault_template_with_a_byte_order_mark(met_vault: Path, run_cli: Run) -> None:
    """A vault template saved with a byte-order mark and CRLF (Notepad) still has its subject."""
    (met_vault / "templates").mkdir()
    (met_vault / "templates" / "thank-you.md").write_bytes(
        "\ufeffSubject: Merci\r\n\r\nHi {{ contact.first_name }}\r\n".encode()
    )
    result = draft(run_cli, met_vault, "thank-you", "Jane Doe")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Subject: Merci\n\nHi Jane\n"
    assert "Subject" not in result.stderr


def test_error_in_an_included_template_names_that_file(met_vault: Path, run_cli: Run) -> None:
    """A mistake in the vault's signature.md is reported at signature.md's own line."""
    (met_vault / "templates").mkdir()
    signature = met_vault / "templates" / "signature.md"
    signature.write_text("Best,\n{{ me.nmae }}\n")
    result = draft(run_cli, met_vault, "outreach", "Jane Doe")
    assert result.exit_code == 2
    line = one_error_line(result)
    assert line.startswith(f"vault: {signature}:2: ") and "nmae" in line


def test_missing_template_file(met_vault: Path, run_cli: Run) -> None:
    """--template naming no file is a one-line error, exit 2."""
    result = draft(run_cli, met_vault, "outreach", "Jane Doe", "--template", "nope.md")
    assert result.exit_code == 2
    assert "nope.md" in one_error_line(result)


def test_include_outside_the_templates_is_refused(met_vault: Path, run_cli: Run) -> None:
    """A template cannot include files from outside the template folders."""
    template = met_vault.parent / "t.md"
    template.write_text('Subject: x\n\n{% include "../vault.toml" %}\n')
    result = draft(run_cli, met_vault, "outreach", "Jane Doe", "--template", template)
    assert result.exit_code == 2
    assert "no template named ../vault.toml" in one_error_line(result)


def test_endless_recursion_fails_cleanly(met_vault: Path, run_cli: Run) -> None:
    """A macro calling itself forever is an error naming the line that calls, not a crash."""
    template = met_vault.parent / "t.md"
    template.write_text("Subject: x\n\n{% macro f() %}\n{{ f() }}\n{% endmacro %}\n{{ f() }}\n")
    result = draft(run_cli, met_vault, "outreach", "Jane Doe", "--template", template)
    assert result.exit_code == 2
    assert one_error_line(result) == f"vault: {template}:4: the template calls itself without end"


def test_a_template_including_itself_names_the_line(met_vault: Path, run_cli: Run) -> None:
    """The same for a vault template that includes itself."""
    (met_vault / "templates").mkdir()
    looping = met_vault / "templates" / "loop.md"
    looping.write_text('more\n{% include "loop.md" %}\n')
    template = met_vault.parent / "t.md"
    template.write_text('Subject: x\n\n{% include "loop.md" %}\n')
    result = draft(run_cli, met_vault, "outreach", "Jane Doe", "--template", template)
    assert result.exit_code == 2
    assert one_error_line(result) == f"vault: {looping}:2: the template calls itself without end"


# -- the context: every documented name -------------------------------------------------------

EVERY_NAME = """\
Subject: {{ contact.first_name }} / {{ contact.name }} / {{ contact.company }}

me: {{ me.name }} <{{ me.email }}> {{ me.pitch | length }}
contact: {{ contact.path }} {{ contact.email }} {{ contact.status }} {{ contact.role }}
referrer: {{ referrer }}
interview: {{ interview.date | date_words }} {{ interview.status }} {{ interview.path }}
insights: {{ insights | english_list }}
actions:
{% for a in action_items %}
- {{ a.text }} by {{ a.due }}
{% endfor %}
done: {{ done_items | map(attribute="text") | english_list }}
questions: {{ questions | length }}
today: {{ today.isoformat() }} {{ today | date_words(year=true) }}
filters: {{ "Zoë Kowalski" | first_name }} {{ contact | first_name }} {{ "a: b" | yaml }}
"""


def test_every_documented_name_is_available(met_vault: Path, run_cli: Run) -> None:
    """Every context name and filter the README lists renders with the expected value."""
    template = met_vault.parent / "all.md"
    template.write_text(EVERY_NAME)
    result = draft(run_cli, met_vault, "thank-you", "Jane Doe", "--template", template)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Subject: Jane / Jane Doe / Acme\n"
        "\n"
        "me: Test User <test.user@example.com> 0\n"
        "contact: contacts/Jane Doe.md jane.doe@example.com met None\n"
        "referrer: None\n"
        "interview: Friday, 20 November done interviews/2026-11-20 Jane Doe.md\n"
        "insights: Start with the participant panel. and Second insight.\n"
        "actions:\n"
        "- Send Jane my portfolio by 2026-11-30\n"
        "done: Add Sam to the vault\n"
        "questions: 1\n"
        "today: 2026-11-22 Sunday, 22 November 2026\n"
        'filters: Zoë Jane "a: b"\n'
    )


def test_referrer_is_the_referring_contacts_mapping(example: Path) -> None:
    """`referrer` holds the referring contact's properties, read from their note."""
    vault = load_vault(load_config(example))
    contact = vault.names().resolve("Noah Fischer")
    made = render_draft(
        vault,
        contact,
        "outreach",
        today=dt.date(2026, 11, 22),
        template_file=_template(
            example, "Subject: {{ referrer.name }}\n\n{{ referrer.company }} {{ referrer.tags }}\n"
        ),
    )
    assert made.subject == "Zoë Kowalski"
    assert made.message == "Fernweh Travel ['product-design', 'travel', 'conference']\n"


def test_unknown_properties_are_passed_through(example: Path) -> None:
    """A property vaultkit does not know is still in `contact`, as written."""
    path = example / "contacts" / "Sofia Rossi.md"
    extra = "status: met\nopening: Junior UX Researcher\nshoe_size: 38"
    path.write_text(path.read_text(encoding="utf-8").replace("status: met", extra), "utf-8")
    vault = load_vault(load_config(example))
    made = render_draft(
        vault, vault.names().resolve("sofia rossi"), "advice", today=dt.date(2026, 11, 22)
    )
    assert made.subject == "Your advice on the Junior UX Researcher opening"
    assert "I saw the Junior UX Researcher opening at Tessellate" in made.message
    assert not any("opening" in w for w in made.warnings)
    template = _template(example, "Subject: {{ contact.shoe_size }}\n")
    other = render_draft(
        vault,
        vault.names().resolve("sofia rossi"),
        "advice",
        today=dt.date(2026, 11, 22),
        template_file=template,
    )
    assert other.subject == "38"


def _template(root: Path, text: str) -> Path:
    path = root.parent / "template.md"
    path.write_text(text, encoding="utf-8")
    return path


# -- missing fields: a warning, and the draft still renders -----------------------------------


def test_no_email_warns_and_still_renders(vault: Path, write_note: WriteNote, run_cli: Run) -> None:
    """A contact without an email gets a draft and a warning naming `email:` and the file."""
    write_note(vault, "contacts/Sam Lee.md", "---\ntype: contact\nsource: LinkedIn\n---\n")
    result = draft(run_cli, vault, "outreach", "Sam Lee")
    assert result.exit_code == 0
    assert result.stdout.startswith("Subject: Learning about your work\n\nHi Sam,\n")
    assert "I came across your profile on LinkedIn" in result.stdout
    assert "warning: Sam Lee has no email: add `email:` to contacts/Sam Lee.md" in result.stderr


def test_no_insight_says_so_in_the_draft(
    jane_vault: Path, write_note: WriteNote, run_cli: Run
) -> None:
    """A thank-you for an interview without ## Insights says plainly that none was written."""
    write_note(
        jane_vault,
        "interviews/2026-11-20 Jane Doe.md",
        '---\ntype: interview\ncontact: "[[Jane Doe]]"\ndate: 2026-11-20\n---\n## Insights\n',
    )
    result = draft(run_cli, jane_vault, "thank-you", "Jane Doe")
    assert result.exit_code == 0
    assert "[No insight is written under ## Insights in interviews/2026-11-20 Jane Doe.md" in (
        result.stdout
    )
    assert "nothing under ## Insights in interviews/2026-11-20 Jane Doe.md" in result.stderr


def test_thank_you_without_a_done_interview(jane_vault: Path, run_cli: Run) -> None:
    """No done interview: the thank-you still renders, and the warning says how to add one."""
    result = draft(run_cli, jane_vault, "thank-you", "Jane Doe")
    assert result.exit_code == 0
    assert "Thank you for talking with me. It was generous" in result.stdout
    assert 'vault new interview "Jane Doe"' in result.stderr


def test_planned_interview_is_not_thanked_for(
    jane_vault: Path, write_note: WriteNote, run_cli: Run
) -> None:
    """A thank-you is for a conversation held: with only a planned one, none is drafted."""
    write_note(
        jane_vault,
        "interviews/2026-11-30 Jane Doe.md",
        '---\ntype: interview\ncontact: "[[Jane Doe]]"\ndate: 2026-11-30\n---\n',
    )
    result = draft(run_cli, jane_vault, "thank-you", "Jane Doe")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "on 2026-11-30 has not happened yet" in result.stderr


def test_nudge_without_outreach_date(jane_vault: Path, run_cli: Run) -> None:
    """A nudge with no outreach_sent still renders and says to record the outreach."""
    result = draft(run_cli, jane_vault, "nudge", "Jane Doe")
    assert result.exit_code == 0
    assert "I wrote to you recently to ask" in result.stdout
    assert 'vault mark "Jane Doe" outreach' in result.stderr


def test_update_without_progress_has_a_placeholder(
    jane_vault: Path, write_note: WriteNote, run_cli: Run
) -> None:
    """An update with no done action items asks, in brackets and on stderr, for progress."""
    write_note(
        jane_vault,
        "interviews/2026-11-20 Jane Doe.md",
        '---\ntype: interview\ncontact: "[[Jane Doe]]"\ndate: 2026-11-20\n---\n',
    )
    result = draft(run_cli, jane_vault, "update", "Jane Doe")
    assert result.exit_code == 0
    assert "since we spoke on Friday, 20 November." in result.stdout
    assert "[Say what you have done since" in result.stdout
    assert "nothing marked done under ## Action items in interviews/2026-11-20" in result.stderr


def test_referrer_without_a_note(vault: Path, write_note: WriteNote, run_cli: Run) -> None:
    """A referred_by link to nobody still names the referrer, with a warning."""
    write_note(
        vault,
        "contacts/Sam Lee.md",
        '---\ntype: contact\nemail: sam@example.com\nreferred_by: "[[Ann Other]]"\n---\n',
    )
    result = draft(run_cli, vault, "outreach", "Sam Lee")
    assert result.stdout.startswith("Subject: Ann Other suggested I get in touch\n")
    assert "who has no contact note" in result.stderr


def test_empty_me_section_warns(jane_vault: Path, run_cli: Run) -> None:
    """Without [me] name and pitch in vault.toml, the warnings say to set them."""
    (jane_vault / "vault.toml").write_text("")
    result = draft(run_cli, jane_vault, "outreach", "Jane Doe")
    assert result.exit_code == 0
    assert "set `name` under [me] in vault.toml" in result.stderr
    assert "set `pitch` under [me]" in result.stderr
    assert "I'm exploring a move into work like yours." in result.stdout


def test_template_without_subject_warns(met_vault: Path, run_cli: Run) -> None:
    """A template that renders no Subject: line gives the message and a warning."""
    template = met_vault.parent / "t.md"
    template.write_text("Hello {{ contact.first_name }}\n")
    result = draft(run_cli, met_vault, "update", "Jane Doe", "--template", template)
    assert result.stdout == "Hello Jane\n"
    assert "no `Subject:` line" in result.stderr


# -- the README's way from the report to a draft ---------------------------------------------


def readme_report_to_draft() -> list[list[str]]:
    """The two commands the README's `vault draft` section gives, from report to draft."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### `vault draft", 1)[1].split("\n### ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    block = next(b for b in blocks if "vault report" in b)
    return [shlex.split(line) for line in block.splitlines() if line.strip()]


def test_readme_goes_from_report_to_a_thank_you_in_two_commands(
    tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From a clone's root, the README's two commands report, then save a thank-you draft."""
    shutil.copytree(
        REPO / "example-vault",
        tmp_path / "example-vault",
        ignore=shutil.ignore_patterns(".vaultkit"),
    )
    monkeypatch.chdir(tmp_path)
    report, write = readme_report_to_draft()
    assert report == ["vault", "report", "--vault", "example-vault", "--today", TODAY]
    assert write[:3] == ["vault", "draft", "thank-you"] and "--write" in write
    shown = run_cli(*report[1:])
    assert shown.exit_code == 0, shown.output
    assert f'next: vault draft thank-you "{write[3]}"' in shown.stdout
    saved = run_cli(*write[1:])
    assert saved.exit_code == 0, saved.output
    path = tmp_path / "example-vault" / "drafts" / f"{TODAY} thank-you {write[3]}.md"
    assert saved.stdout == f"created {path.resolve()}\n"
    post = frontmatter.loads(path.read_text(encoding="utf-8"))
    assert post.metadata["kind"] == "thank-you"
    assert post.content.startswith(f"Hi {write[3].split()[0]},\n")


# -- names, --interview, --subject-only -------------------------------------------------------


def test_non_ascii_name_found_without_accents(example: Path, run_cli: Run) -> None:
    """`zoe kowalski` finds Zoë, and the draft greets her by her name as written."""
    result = draft(run_cli, example, "thank-you", "zoe kowalski")
    assert result.exit_code == 0
    assert "Hi Zoë,\n" in result.stdout


def test_unknown_name_exits_1(example: Path, run_cli: Run) -> None:
    """A name that matches nobody is exit 1, with a suggestion."""
    result = draft(run_cli, example, "outreach", "Zoe Kowalsky")
    assert result.exit_code == 1
    assert "did you mean 'Zoë Kowalski'" in one_error_line(result)


def test_interview_option_picks_that_interview(example: Path, run_cli: Run) -> None:
    """--interview FILE drafts from that interview instead of the latest done one."""
    result = draft(
        run_cli,
        example,
        "thank-you",
        "Zoë Kowalski",
        "--interview",
        example / "interviews" / "2026-05-20 Zoë Kowalski.md",
    )
    assert result.exit_code == 0
    assert "Wednesday, 20 May" in result.stdout
    assert "Plan for a lower salary for two years" in result.stdout
    assert result.stderr == ""


def test_interview_option_relative_to_the_vault(example: Path, run_cli: Run) -> None:
    """--interview accepts a path relative to the vault's root."""
    result = draft(
        run_cli,
        example,
        "thank-you",
        "Zoë Kowalski",
        "--interview",
        "interviews/2026-05-20 Zoë Kowalski.md",
    )
    assert "Wednesday, 20 May" in result.stdout


def test_interview_with_someone_else_warns(example: Path, run_cli: Run) -> None:
    """An --interview with another person is used, with a warning naming both."""
    result = draft(
        run_cli,
        example,
        "thank-you",
        "Zoë Kowalski",
        "--interview",
        "interviews/2026-11-19 Daniel Okafor.md",
    )
    assert result.exit_code == 0
    assert "is an interview with Daniel Okafor, not Zoë Kowalski" in result.stderr


def test_interview_option_outside_the_vault_is_refused(
    example: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interview note outside the vault, by absolute or relative path, is exit 2."""
    outside = example.parent / "2026-11-19 Daniel Okafor.md"
    shutil.copyfile(example / "interviews" / outside.name, outside)
    monkeypatch.chdir(example)
    for given in (str(outside), f"../{outside.name}", f"interviews/../../{outside.name}"):
        result = draft(run_cli, example, "thank-you", "Daniel Okafor", "--interview", given)
        assert result.exit_code == 2, given
        assert one_error_line(result) == (
            f"vault: {given}: not in the vault {example}; "
            "--interview takes one of its interview notes"
        )
        assert result.stdout == ""


def test_interview_option_through_a_link_in_the_vault(example: Path, run_cli: Run) -> None:
    """An interview reached through a symbolic link inside the vault is the vault's."""
    elsewhere = example.parent / "archive"
    elsewhere.mkdir()
    shutil.move(example / "interviews" / "2026-05-20 Zoë Kowalski.md", elsewhere)
    (example / "archive").symlink_to(elsewhere, target_is_directory=True)
    result = draft(
        run_cli,
        example,
        "thank-you",
        "Zoë Kowalski",
        "--interview",
        "archive/2026-05-20 Zoë Kowalski.md",
    )
    assert result.exit_code == 0, result.output
    assert "Wednesday, 20 May" in result.stdout


@pytest.mark.parametrize("given", ["nope.md", "contacts/Maya Chen.md"])
def test_interview_option_must_be_an_interview(example: Path, run_cli: Run, given: str) -> None:
    """--interview naming no file, or a file that is not an interview, is exit 2."""
    result = draft(run_cli, example, "thank-you", "Zoë Kowalski", "--interview", given)
    assert result.exit_code == 2
    one_error_line(result)


def test_subject_only(example: Path, run_cli: Run) -> None:
    """--subject-only prints the subject alone."""
    result = draft(run_cli, example, "outreach", "Samuel Adeyemi", "--subject-only")
    assert result.stdout == "Hannah Schultz suggested I get in touch\n"


def test_subject_only_and_write_conflict(example: Path, run_cli: Run) -> None:
    """--subject-only with --write is a usage error."""
    result = draft(run_cli, example, "outreach", "Samuel Adeyemi", "--subject-only", "--write")
    assert result.exit_code == 2
    assert not (example / "drafts").exists()


def test_printing_writes_nothing(example: Path, run_cli: Run, snapshot) -> None:
    """Without --write no file in the vault changes."""
    before = snapshot(example)
    for kind in ("outreach", "nudge", "thank-you", "update", "advice"):
        draft(run_cli, example, kind, "Maya Chen")
    assert snapshot(example) == before


# -- --write ---------------------------------------------------------------------------------


def test_write_saves_a_note_with_properties(example: Path, run_cli: Run) -> None:
    """--write saves drafts/DATE KIND NAME.md: to, subject, kind, contact, created, message."""
    printed = draft(run_cli, example, "thank-you", "Zoë Kowalski").stdout
    result = draft(run_cli, example, "thank-you", "Zoë Kowalski", "--write")
    path = example / "drafts" / "2026-11-22 thank-you Zoë Kowalski.md"
    assert result.exit_code == 0
    assert result.stdout == f"created {path}\n"
    post = frontmatter.loads(path.read_text(encoding="utf-8"))
    assert post.metadata == {
        "to": "zoe.kowalski@fernweh.example",
        "subject": "Thank you for your time",
        "kind": "thank-you",
        "contact": "[[Zoë Kowalski]]",
        "created": dt.date(2026, 11, 22),
    }
    subject, message = split_subject(printed)
    assert subject == post.metadata["subject"]
    assert post.content + "\n" == message
    assert path.read_text(encoding="utf-8").splitlines()[:5] == [
        "---",
        "to: zoe.kowalski@fernweh.example",
        "subject: Thank you for your time",
        "kind: thank-you",
        "contact: '[[Zoë Kowalski]]'",
    ]


def test_write_never_overwrites(example: Path, run_cli: Run) -> None:
    """A second and third draft the same day get ` (2)` and ` (3)`; the first is untouched."""
    first = example / "drafts" / "2026-11-22 nudge Tomás Herrera.md"
    draft(run_cli, example, "nudge", "Tomás Herrera", "--write")
    first.write_text(first.read_text(encoding="utf-8") + "my edits\n", encoding="utf-8")
    kept = first.read_bytes()
    second = draft(run_cli, example, "nudge", "Tomás Herrera", "--write")
    third = draft(run_cli, example, "nudge", "Tomás Herrera", "--write")
    assert second.stdout.strip().endswith("2026-11-22 nudge Tomás Herrera (2).md")
    assert third.stdout.strip().endswith("2026-11-22 nudge Tomás Herrera (3).md")
    assert first.read_bytes() == kept
    assert sorted(p.name for p in (example / "drafts").iterdir()) == [
        "2026-11-22 nudge Tomás Herrera (2).md",
        "2026-11-22 nudge Tomás Herrera (3).md",
        "2026-11-22 nudge Tomás Herrera.md",
    ]


def test_write_uses_the_configured_drafts_folder(jane_vault: Path, run_cli: Run) -> None:
    """`drafts` under [folders] in vault.toml chooses where drafts go."""
    toml = jane_vault / "vault.toml"
    toml.write_text(toml.read_text() + '[folders]\ndrafts = "outbox/mail"\n')
    draft(run_cli, jane_vault, "outreach", "Jane Doe", "--write")
    assert (jane_vault / "outbox" / "mail" / "2026-11-22 outreach Jane Doe.md").is_file()


def test_drafts_never_confuse_the_report(example: Path, run_cli: Run) -> None:
    """Saved drafts are not contacts or interviews: report, ls and check say the same."""
    commands = [
        ("report", "--today", TODAY, "--json"),
        ("ls", "contacts", "--json"),
        ("ls", "interviews", "--json"),
        ("check", "--json"),
    ]
    before = [answers(run_cli, example, c) for c in commands]
    for kind in ("outreach", "nudge", "thank-you", "update", "advice"):
        for name in ("Zoë Kowalski", "Daniel Okafor"):
            assert draft(run_cli, example, kind, name, "--write").exit_code == 0
    assert len(list((example / "drafts").iterdir())) == 10
    assert [answers(run_cli, example, c) for c in commands] == before


def answers(run_cli: Run, vault: Path, command: tuple[str, ...]) -> object:
    """A command's JSON, leaving out the count of other notes (drafts are other notes)."""
    data = json.loads(run_cli(*command, "--vault", vault).stdout)
    if isinstance(data, dict):
        data.pop("other_notes", None)
    return data


# -- filters and the subject line -------------------------------------------------------------


def test_date_words() -> None:
    """A date, a date-time string or an ISO string in words; empty for none."""
    assert date_words(dt.date(2026, 11, 19)) == "Thursday, 19 November"
    assert date_words("2026-11-19T09:00") == "Thursday, 19 November"
    assert date_words(dt.date(2027, 1, 1), year=True) == "Friday, 1 January 2027"
    assert date_words(None) == ""


def test_first_name() -> None:
    """The first word of a name, or a contact mapping's first_name."""
    assert first_name("Zoë Kowalski") == "Zoë"
    assert first_name({"name": "José Martínez", "first_name": None}) == "José"
    assert first_name({"name": "Mary Ann Lee", "first_name": "Mary Ann"}) == "Mary Ann"
    assert first_name("") == ""


def test_english_list() -> None:
    """Lists joined as English: commas and a final `and` (or another word)."""
    assert english_list(["a", "b", "c"]) == "a, b and c"
    assert english_list(["a", "b"]) == "a and b"
    assert english_list(["a"]) == "a"
    assert english_list([]) == ""
    assert english_list(["a", "b", "c"], "or") == "a, b or c"


def test_sentence() -> None:
    """A capital first letter and a full stop when none ends the text."""
    assert sentence("research ops is a way in") == "Research ops is a way in."
    assert sentence("Why not?") == "Why not?"
    assert sentence('He said "go."') == 'He said "go."'


def test_split_subject_tidies_blank_lines() -> None:
    """The Subject line is split off; runs of blank lines shrink to one."""
    assert split_subject("\nSubject:  Hello \n\n\n\nHi,\n\n\n\nBye\n\n") == (
        "Hello",
        "Hi,\n\nBye\n",
    )
    assert split_subject("Hi,\nBye") == ("", "Hi,\nBye\n")


def test_note_templates_keep_their_filters(tmp_path: Path) -> None:
    """The yaml and link filters of the note templates still work beside the new ones."""
    templates = Templates(None)
    template = tmp_path / "t.md"
    template.write_text("{{ 'a: b' | yaml }} {{ 'Jane Doe' | link }} {{ [] | english_list }}\n")
    assert templates.render("t.md", {}, file=template) == '"a: b" "[[Jane Doe]]"\n'
