"""Floor: read every Markdown file and parse its frontmatter with yaml.CSafeLoader."""

import os
import sys

import yaml


def main(root: str) -> None:
    parsed = failed = 0
    stack = [root]
    while stack:
        for entry in os.scandir(stack.pop()):
            if entry.is_dir():
                if not entry.name.startswith("."):
                    stack.append(entry.path)
            elif entry.name.endswith(".md"):
                with open(entry.path, encoding="utf-8", errors="replace") as handle:
                    text = handle.read()
                if not text.lstrip("\ufeff").startswith("---"):
                    continue
                front = text.lstrip("\ufeff").split("\n---", 1)[0][3:]
                try:
                    yaml.load(front, Loader=yaml.CSafeLoader)
                    parsed += 1
                except (yaml.YAMLError, ValueError):
                    failed += 1
    print(parsed, failed)


if __name__ == "__main__":
    main(sys.argv[1])
