"""TAB pressed in a real interactive bash on a terminal, with `vault completion bash` loaded:
the line bash shows afterwards holds the whole name as one word, quoted as typed."""

from __future__ import annotations

import os
import pty
import select
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import copy_example, run

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")

PROMPT = "READY> "
WAIT = 30.0  # seconds to wait for bash to answer, on a busy machine


class Terminal:
    """An interactive bash on a pseudo-terminal, read until what is awaited appears."""

    def __init__(self, cwd: Path) -> None:
        env = {
            **os.environ,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "PS1": PROMPT,
            "TERM": "dumb",
            "INPUTRC": os.devnull,
        }
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become bash
            os.chdir(cwd)
            os.execvpe("bash", ["bash", "--norc", "--noprofile", "-i"], env)
        self.seen = ""
        self.mark = 0  # where the text awaited next may start

    def send(self, text: str) -> None:
        os.write(self.fd, text.encode("utf-8"))

    def wait_for(self, text: str) -> None:
        """Read until `text` appears after the mark, then move the mark past it."""
        self._read_until(lambda: text in self.seen[self.mark :])
        self.mark = self.seen.index(text, self.mark) + len(text)

    def line_after_mark(self, wanted: str) -> str:
        """The screen after the mark, backspaces applied, once it ends with `wanted`."""
        self._read_until(lambda: rendered(self.seen[self.mark :]).endswith(wanted))
        return rendered(self.seen[self.mark :])

    def _read_until(self, done: Callable[[], bool]) -> None:
        deadline = time.monotonic() + WAIT
        while not done():
            left = deadline - time.monotonic()
            assert left > 0, f"bash showed only {self.seen[self.mark :]!r}"
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                self.seen += os.read(self.fd, 65536).decode("utf-8", "replace")

    def close(self) -> None:
        self.send("\x15exit\n")
        os.close(self.fd)
        os.waitpid(self.pid, 0)


def rendered(text: str) -> str:
    """Text as a terminal shows it: a backspace takes back the character before it."""
    shown: list[str] = []
    for char in text:
        if char == "\x08":
            if shown:
                shown.pop()
        else:
            shown.append(char)
    return "".join(shown)


@pytest.fixture(scope="module")
def bash(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Terminal]:
    """One bash for the module, at its prompt in an indexed copy of the example vault."""
    vault = copy_example(tmp_path_factory.mktemp("terminal"))
    assert run("index", "--vault", vault).exit_code == 0
    shell = Terminal(vault)
    shell.wait_for(PROMPT)
    shell.send("bind 'set bell-style none'; eval \"$(vault completion bash)\"; echo LOADED\n")
    shell.wait_for("LOADED\r\n" + PROMPT)
    yield shell
    shell.close()


@pytest.fixture
def terminal(bash: Terminal) -> Iterator[Terminal]:
    """The module's bash, given back at an empty prompt after each test."""
    yield bash
    bash.send("\x15echo NEXT\n")  # Ctrl-U clears the line
    bash.wait_for("NEXT\r\n" + PROMPT)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("vault show zoe", "vault show Zoë\\ Kowalski "),
        ('vault show "zoe k', 'vault show "Zoë Kowalski" '),
        ("vault show 'Zo", "vault show 'Zoë Kowalski' "),
        ("vault edit jose", "vault edit José\\ Martínez "),
    ],
)
def test_tab_completes_the_whole_name(terminal: Terminal, typed: str, shown: str) -> None:
    """After TAB, the line reads as a shell reads one argument: the full name."""
    terminal.send(typed + "\t")
    assert terminal.line_after_mark(shown) == shown
