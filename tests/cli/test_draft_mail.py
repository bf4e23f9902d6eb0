"""`vault draft --eml`, `--mailto` and `--open`: from a draft to the mail program in one step,
tested with a fake desktop handler on PATH."""

from __future__ import annotations

import email
import os
import shutil
import stat
import subprocess
import sys
from email import policy
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import Result
from helpers import REPO, run

from vaultkit.errors import VaultError
from vaultkit.formats.opener import handler_command, open_with_default

REPO = REPO
TODAY = "2026-11-22"
ZOE = "Zoë Kowalski"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of example-vault in tmp_path, so no cache lands in the repository."""
    target = tmp_path / "example-vault"
    shutil.copytree(REPO / "example-vault", target, ignore=shutil.ignore_patterns(".vaultkit"))
    return target


def fake_handler(folder: Path, name: str = "xdg-open", exit_code: int = 0) -> Path:
    """A program named like the desktop's handler that writes its argument to a file."""
    folder.mkdir(exist_ok=True)
    script = folder / name
    record = folder / "opened.txt"
    script.write_text(
        f'#!/bin/sh\nprintf "%s" "$1" > "{record}"\necho "cannot open" >&2\nexit {exit_code}\n'
        if exit_code
        else f'#!/bin/sh\nprintf "%s" "$1" > "{record}"\n',
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return record


def draft(vault: Path, *args: str) -> Result:
    """`vault draft ARGS... --today 2026-11-22 --vault VAULT`."""
    return run("draft", *args, "--today", TODAY, "--vault", vault)


def read_eml(path: Path) -> email.message.EmailMessage:
    """A written .eml file, read back by the standard library."""
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def test_eml_is_written_into_drafts_and_named(example: Path) -> None:
    """--eml writes drafts/DATE KIND NAME.eml, prints its path, and holds the printed draft."""
    printed = draft(example, "update", ZOE).stdout
    result = draft(example, "update", ZOE, "--eml")
    path = example / "drafts" / f"{TODAY} update {ZOE}.eml"
    assert result.exit_code == 0, result.output
    assert result.stdout == f"created {path}\n"
    message = read_eml(path)
    assert str(message["To"]) == f"{ZOE} <zoe.kowalski@fernweh.example>"
    assert message["From"].addresses[0].addr_spec == "alex.rivera@example.com"
    assert message["X-Unsent"] == "1"
    assert str(message["Date"]) == "Sun, 22 Nov 2026 12:00:00 +0000"
    subject, body = printed.split("\n\n", 1)
    assert f"Subject: {message['Subject']}" == subject
    assert message.get_content().replace("\r\n", "\n") == body


def test_a_second_eml_never_overwrites(example: Path) -> None:
    """The same draft twice the same day: ` (2)`, the first file untouched."""
    draft(example, "update", ZOE, "--eml")
    first = example / "drafts" / f"{TODAY} update {ZOE}.eml"
    kept = first.read_bytes()
    again = draft(example, "update", ZOE, "--eml")
    assert again.stdout.strip().endswith(f"{TODAY} update {ZOE} (2).eml")
    assert first.read_bytes() == kept


def test_eml_and_write_together(example: Path) -> None:
    """--write and --eml save both, each path on its line."""
    result = draft(example, "update", ZOE, "--write", "--eml")
    names = sorted(p.name for p in (example / "drafts").iterdir())
    assert names == [f"{TODAY} update {ZOE}.eml", f"{TODAY} update {ZOE}.md"]
    assert len(result.stdout.splitlines()) == 2


def test_mailto_prints_a_url_that_parses_back(example: Path) -> None:
    """--mailto prints one mailto: URL whose address, subject and body are the draft's."""
    printed = draft(example, "nudge", "Tomás Herrera").stdout
    result = draft(example, "nudge", "Tomás Herrera", "--mailto")
    assert result.exit_code == 0
    url = result.stdout.strip()
    parts = urlsplit(url)
    fields = dict(pair.split("=", 1) for pair in parts.query.split("&"))
    assert (parts.scheme, unquote(parts.path)) == ("mailto", "tomas.herrera@parcelwise.example")
    subject, body = printed.split("\n\n", 1)
    assert f"Subject: {unquote(fields['subject'])}" == subject
    assert unquote(fields["body"]) == body.replace("\n", "\r\n")
    assert not (example / "drafts").exists()


def test_open_hands_the_eml_to_the_handler(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--eml --open runs the desktop's handler with the new file's path."""
    record = fake_handler(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    result = draft(example, "update", ZOE, "--eml", "--open")
    assert result.exit_code == 0, result.output
    path = example / "drafts" / f"{TODAY} update {ZOE}.eml"
    assert record.read_text(encoding="utf-8") == str(path)


def test_open_hands_the_mailto_url_to_the_handler(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--mailto --open runs the handler with the URL it prints."""
    record = fake_handler(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    result = draft(example, "update", ZOE, "--mailto", "--open")
    assert result.exit_code == 0, result.output
    assert record.read_text(encoding="utf-8") == result.stdout.strip()


def test_open_without_a_handler_says_so(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No xdg-open on PATH: the file is still written, and one line says so (exit 2)."""
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = draft(example, "update", ZOE, "--eml", "--open")
    assert result.exit_code == 2
    assert result.stdout.startswith("created ")
    assert result.stderr == (
        "vault: nothing to open it with: `xdg-open` is not on PATH (no desktop here?); "
        "open it yourself\n"
    )


def test_a_failing_handler_says_why(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A handler that fails is named with its exit code and last word, exit 2."""
    fake_handler(tmp_path / "bin", exit_code=3)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    result = draft(example, "update", ZOE, "--mailto", "--open")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "vault: xdg-open could not open it (exit 3): cannot open; open it yourself"
    )


@pytest.mark.parametrize(
    "flags",
    [["--open"], ["--open", "--eml", "--mailto"], ["--subject-only", "--eml"]],
)
def test_flags_that_do_not_go_together(example: Path, flags: list[str]) -> None:
    """--open needs exactly one of --eml and --mailto; --subject-only goes with neither."""
    result = draft(example, "update", ZOE, *flags)
    assert result.exit_code == 2
    assert not (example / "drafts").exists()


def test_the_handler_of_each_platform(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """macOS opens with `open`, Linux and the rest with `xdg-open`; each found on PATH."""
    assert handler_command("darwin") == "open"
    assert handler_command("linux") == "xdg-open"
    record = fake_handler(tmp_path / "bin", name="open")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    open_with_default("mailto:a@example.com", platform="darwin")
    assert record.read_text(encoding="utf-8") == "mailto:a@example.com"
    with pytest.raises(VaultError, match="`xdg-open` is not on PATH"):
        open_with_default("mailto:a@example.com", platform="linux")


def test_installed_vault_writes_and_opens_an_eml(example: Path, tmp_path: Path) -> None:
    """The installed `vault`, as a real process: --eml --open with a fake handler on PATH."""
    vault_bin = Path(sys.executable).parent / "vault"
    record = fake_handler(tmp_path / "bin")
    env = {k: v for k, v in os.environ.items() if k != "VAULT_DIR"}
    env["PATH"] = f"{tmp_path / 'bin'}{os.pathsep}{env['PATH']}"
    args = ["draft", "thank-you", "Hannah Schultz", "--eml", "--open", "--today", TODAY]
    done = subprocess.run(
        [str(vault_bin), *args, "--vault", str(example)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    path = Path(record.read_text(encoding="utf-8"))
    assert done.stdout == f"created {path}\n"
    message = read_eml(path)
    assert message["To"].addresses[0].display_name == "Hannah Schultz"
    assert message["Subject"] == "Thank you for your time yesterday"
    assert "notebook you shared" in message.get_content()
