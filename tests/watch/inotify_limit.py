"""Run `vault` as if the system allowed only N inotify watches.

    python tests/watch/inotify_limit.py N watch --vault PATH ...

Only the kernel call that adds a watch is replaced: past N watches it refuses with
ENOSPC, as Linux does once fs.inotify.max_user_watches is reached. Everything else
is real, down to how the watcher reads its watches from /proc to find folders
left unwatched. tests/watch/test_watch_process.py uses it where the kernel's own limit
cannot be lowered (no user namespaces).
"""

from __future__ import annotations

import ctypes
import errno
import sys

from watchdog.observers import inotify_c


def limit_watches(limit: int) -> None:
    real_add = inotify_c.inotify_add_watch
    given: set[int] = set()

    def add_watch(fd: int, path: bytes, mask: int) -> int:
        wd = real_add(fd, path, mask)
        if wd >= 0 and wd not in given and len(given) >= limit:
            inotify_c.inotify_rm_watch(fd, wd)
            ctypes.set_errno(errno.ENOSPC)
            return -1
        if wd >= 0:
            given.add(wd)
        return wd

    inotify_c.inotify_add_watch = add_watch


if __name__ == "__main__":
    limit_watches(int(sys.argv[1]))
    from vaultkit.cli import main

    sys.argv = ["vault", *sys.argv[2:]]
    main()
