"""`vault completion bash|zsh|fish`."""

from __future__ import annotations

import click

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_VAULT_COMPLETE"  # the variable Click reads for the program `vault`


@click.command()
@click.argument("shell", type=click.Choice(SHELLS))
def completion(shell: str) -> None:
    """Print the script that makes SHELL complete vault's commands, options and names.

    Load it from the shell's start-up file: eval "$(vault completion bash)" in
    ~/.bashrc, eval "$(vault completion zsh)" in ~/.zshrc (after compinit), or
    vault completion fish | source in ~/.config/fish/config.fish.

    Example: vault completion zsh > ~/.zfunc/_vault
    """
    from click.shell_completion import get_completion_class

    found = get_completion_class(shell)  # vault's own bash and fish: see cli/complete.py
    assert found is not None  # every name in SHELLS is registered
    group = click.get_current_context().find_root().command
    click.echo(found(group, {}, "vault", COMPLETE_VAR).source(), nl=False)
