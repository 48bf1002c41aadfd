#!/usr/bin/env python3
"""Every module a target imports is one of its declared dependencies (issue 17).

SwiftPM's `--explicit-target-dependency-import-check=error` (in the Makefile's SWIFT_FLAGS) only refuses
an import that is not among a target's dependencies at any depth; this check asks for the direct ones, so
Package.swift says what each target uses. Run from the repository: `scripts/check-imports.py [PACKAGE_DIR ...]`
(default: the kiosk package and queue-server/). Exit 1, with each target's missing names, when one is off.
"""
import glob
import json
import os
import re
import subprocess
import sys

# The toolchain's own modules: no Package.swift declares them.
TOOLCHAIN = {
    "Foundation", "FoundationEssentials", "FoundationNetworking", "Glibc", "Musl", "Dispatch",
    "Synchronization", "Testing", "XCTest", "_Concurrency",
}
IMPORT = re.compile(r"^\s*(?:@\w+\s+)*(?:(?:public|internal|package|private|fileprivate)\s+)?import\s+(?:\w+\s+)?(\w+)")


def declared(target):
    """The names a target depends on directly: targets, products and by-name dependencies."""
    names = set()
    for dependency in target.get("dependencies", []):
        for kind, value in dependency.items():
            names.add(value[0])
    return names


def imported(path):
    """The modules the Swift files under `path` import (`#if canImport` branches included)."""
    names = set()
    for file in glob.glob(os.path.join(path, "**", "*.swift"), recursive=True):
        with open(file, encoding="utf-8") as source:
            for line in source:
                match = IMPORT.match(line)
                if match:
                    names.add(match.group(1))
    return names


def check(package_dir):
    manifest = json.loads(subprocess.run(
        ["swift", "package", "dump-package"], cwd=package_dir, check=True, capture_output=True, text=True).stdout)
    problems = []
    for target in manifest["targets"]:
        if target["type"] in ("system", "binary"):
            continue
        default = os.path.join("Tests" if target["type"] == "test" else "Sources", target["name"])
        path = os.path.join(package_dir, target.get("path") or default)
        missing = imported(path) - TOOLCHAIN - declared(target) - {target["name"]}
        if missing:
            problems.append(f"{package_dir}/Package.swift: target {target['name']} imports {', '.join(sorted(missing))} "
                            "without declaring it: add it to the target's dependencies")
    return problems


def main():
    problems = [problem for directory in (sys.argv[1:] or [".", "queue-server"]) for problem in check(directory)]
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print("check-imports: every import is a declared dependency")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
