"""What a parsed note depends on besides its bytes: vaultkit's own code and the settings
that change how a file is read. Either changed, the index reads every note again."""

from __future__ import annotations

import functools
import zlib
from pathlib import Path

from vaultkit import __version__
from vaultkit.core.config import Config
from vaultkit.core.vault import note_folders


def reading(config: Config) -> str:
    """What a parsed note depends on besides its bytes: change it and every note is re-read."""
    return repr((_code(), note_folders(config)))


@functools.cache
def _code() -> str:
    """A digest of vaultkit's own code: another version reads every note again."""
    return code_digest(Path(__file__).parents[1])


def code_digest(package: Path) -> str:
    """The version and a checksum of every `.py` file under `package`, by path and content."""
    # Two 32-bit checksums, not a cryptographic hash: this only has to notice an
    # upgrade, and hashlib would add its import to the start of every command.
    crc, adler = 0, 1
    try:
        for path in sorted(package.rglob("*.py")):
            for data in (path.relative_to(package).as_posix().encode(), path.read_bytes()):
                crc, adler = zlib.crc32(data, crc), zlib.adler32(data, adler)
    except OSError:
        return __version__
    return f"{__version__}-{crc:08x}{adler:08x}"
