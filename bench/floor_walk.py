"""Floor: walk a vault and stat every Markdown file, nothing else."""

import os
import sys


def main(root: str) -> None:
    count = 0
    stack = [root]
    while stack:
        for entry in os.scandir(stack.pop()):
            if entry.is_dir():
                if not entry.name.startswith("."):
                    stack.append(entry.path)
            elif entry.name.endswith(".md"):
                entry.stat()
                count += 1
    print(count)


if __name__ == "__main__":
    main(sys.argv[1])
