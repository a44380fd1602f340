#!/usr/bin/python3
"""Docs that run: every example in README.md and docs/*.md is executed and its shown output checked.

Usage: docs_test.py PATH/TO/tristage [--update] [FILE.md ...]
  FILE.md: only these files (paths relative to the source tree); by default README.md and docs/*.md.

What is an example. A fenced ``` block whose first line starts with `$ tristage`. It is a transcript: a line
`$ COMMAND` (continued on the next lines while it ends with a backslash) followed by what the command prints, then
the next `$ COMMAND`, and so on. Every command runs with bash, in order, in a temporary folder shared by the blocks
of one Markdown file (so that a later example may use what an earlier one wrote, e.g. `--out exp`), with `tristage`
on PATH resolved to the binary under test, no input, and a time limit of TIME_LIMIT seconds.

What is checked, command by command:
- stderr: the shown lines that start with `tristage: ` (errors and warnings) or `tristage COMMAND: ` (progress) must
  be all of stderr;
- stdout: the other shown lines must be a prefix of stdout, in which a line `...` (indentation allowed) stands for
  any number of lines: the shown output may elide lines anywhere and stop early;
- the exit code: a shown line `[exit N]` (a `# comment` may follow it) says N; otherwise it is 0, or N when the
  block is marked `<!-- docs-test: exit N -->`.
The order of stdout and stderr lines within a shown output is not checked (they are separate streams). Trailing
spaces and trailing blank lines are ignored.

Normalised on both sides before comparing, and nothing else (see normalise()):
- the version string (`git describe --always --dirty --tags` at build time, e.g. `0369f08`, `41ae7d1-dirty`), only
  where the program prints it: `# tristage VERSION: ...` (CSV), `% tristage VERSION: ...` (LaTeX),
  `"version": "VERSION"` (JSON) and the line `tristage VERSION` of `--version`;
- the temporary folder: an absolute path directly under /tmp (`/tmp/simdoc/...` in a doc, the test's own folder in
  the program's output) reads `/tmp/WORK/...`.
The examples print no dates or timings, so none are normalised.

Markers: HTML comments right before a block (blank lines between allowed) change how it runs:
- `<!-- docs-test: skip (REASON) -->`: not run; the reason is printed. Only for what cannot run here (minutes of
  compute, a signal sent by hand, numbers that depend on the machine's memory);
- `<!-- docs-test: exit N -->`: the commands of the block exit N unless an `[exit M]` line says otherwise;
- `<!-- docs-test: setup COMMANDS -->`: bash COMMANDS (may span lines) run in the folder before the block, to make
  the files the prose describes; DOCS_SOURCE is the source tree.

On a mismatch a unified diff (the shown output against what --update would write) is printed and the test fails.
With --update the shown outputs are rewritten from the program instead: lines that match stay as they are (so
elisions and version strings are kept), the others are replaced by the program's, and `[exit N]` lines corrected;
read the diff (git diff) before committing it.

Output: one TAP line per example command, the plan, the time taken; exit 1 if any failed, 2 on bad arguments.
"""
import difflib
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

TIME_LIMIT = 120
STDERR_LINE = re.compile(r"^tristage(?: [a-z]+)?: ")  # "tristage: error: ...", "tristage verify: ..."
EXIT_LINE = re.compile(r"^\[exit (\d+)\](\s*#.*)?$")
MARKER = re.compile(r"<!--\s*docs-test:\s*(skip|exit|setup)\b(.*)-->", re.S)

# The version string as `git describe --always --dirty --tags` prints it: a commit or a tag, maybe -dirty.
VERSION = r"(?:v?\d+(?:\.\d+)+(?:-\d+-g[0-9a-f]{7,40})?|[0-9a-f]{7,40})(?:-dirty)?"
VERSION_PLACES = [
    re.compile(r"^([#%] tristage )" + VERSION + r"(: )"),  # CSV and LaTeX provenance comments
    re.compile(r'("version": ")' + VERSION + r'(")'),  # JSON provenance
    re.compile(r"^(tristage )" + VERSION + r"()$"),  # tristage --version
]
TMP_PATH = re.compile(r"(?<![\w/.])/tmp/[^/\s'\"]+")


def normalise(line):
    line = line.rstrip()
    for place in VERSION_PLACES:
        line = place.sub(r"\1VERSION\2", line)
    return TMP_PATH.sub("/tmp/WORK", line)


def is_elision(line):
    return line.strip() == "..."


def align(shown, real, prefix):
    """Aligns the shown lines (with elisions) to the real ones with the fewest edits; with prefix, real lines after
    the last shown one are free. Returns (edits, lines to show): no edits means a match; the lines to show keep the
    shown text where it matched, and the elisions that still have a place."""
    P, R = len(shown), len(real)
    want = [normalise(s) for s in shown]
    got = [normalise(r) for r in real]
    cost = [[0] * (R + 1) for _ in range(P + 1)]
    move = [[None] * (R + 1) for _ in range(P + 1)]
    for j in range(R + 1):
        cost[P][j], move[P][j] = (0 if prefix else R - j), "tail"
    for i in range(P - 1, -1, -1):
        for j in range(R, -1, -1):
            options = []  # (edits, preference, move); the preference breaks ties
            if is_elision(shown[i]):
                options.append((cost[i + 1][j], 0, "close"))
                if j < R:
                    options.append((cost[i][j + 1], 1, "elide"))
            else:
                if j < R and want[i] == got[j]:
                    options.append((cost[i + 1][j + 1], 0, "same"))
                if j < R:
                    options.append((cost[i + 1][j + 1] + 1, 1, "replace"))
                    options.append((cost[i][j + 1] + 1, 2, "insert"))
                options.append((cost[i + 1][j] + 1, 3, "delete"))
            cost[i][j], _, move[i][j] = min(options)
    lines, i, j = [], 0, 0
    while True:
        m = move[i][j]
        if m == "tail":
            if not prefix:
                lines += [r.rstrip() for r in real[j:]]
            break
        if m in ("same", "close"):
            lines.append(shown[i].rstrip())
        elif m in ("replace", "insert"):
            lines.append(real[j].rstrip())
        i += m in ("same", "close", "replace", "delete")
        j += m in ("same", "elide", "replace", "insert")
    return cost[0][0], lines


class Command:
    """One `$ COMMAND` of a block and what is shown after it."""

    def __init__(self, text, output):
        self.text = text  # the command's lines, as written
        self.gap = 0  # blank lines after the output, before the next command
        while output and not output[-1].strip():
            output.pop()
            self.gap += 1
        self.output = output
        exits = [k for k, line in enumerate(output) if EXIT_LINE.match(line.strip())]
        self.exit_at = exits[-1] if exits else None

    def shown_exit(self):
        return None if self.exit_at is None else int(EXIT_LINE.match(self.output[self.exit_at].strip()).group(1))

    def shown(self):
        """(stdout lines, stderr lines, whether stderr comes first in the shown output)."""
        lines = [line for k, line in enumerate(self.output) if k != self.exit_at]
        out = [line for line in lines if not STDERR_LINE.match(line)]
        err = [line for line in lines if STDERR_LINE.match(line)]
        while out and not out[-1].strip():
            out.pop()
        # stderr first (as a terminal shows a warning before the buffered stdout), unless the doc shows it after
        first_out = next((k for k, line in enumerate(lines) if line.strip() and line in out), len(lines))
        first_err = next((k for k, line in enumerate(lines) if line in err), len(lines))
        return out, err, not err or first_err < first_out

    def rewritten(self, rc, want_exit, out_lines, err_lines):
        """The shown output as --update writes it."""
        _, _, stderr_first = self.shown()
        new = err_lines + out_lines if stderr_first else out_lines + err_lines
        if self.exit_at is not None:
            shown = self.output[self.exit_at].rstrip()
            new.append(shown if rc == want_exit else re.sub(r"\[exit \d+\]", "[exit %s]" % rc, shown, 1))
        elif rc != want_exit:
            new.append("[exit %s]" % rc)
        return new


def example_blocks(lines):
    """Yields (index of the opening fence, index of the closing fence, markers) for every example block."""
    k = 0
    while k < len(lines):
        if not lines[k].startswith("```"):
            k += 1
            continue
        end = k + 1
        while end < len(lines) and not lines[end].startswith("```"):
            end += 1
        if end < len(lines) and end > k + 1 and lines[k + 1].startswith("$ tristage"):
            yield k, end, markers_before(lines, k)
        k = end + 1


def markers_before(lines, fence):
    """The docs-test markers in the HTML comments right before line `fence`, in the order written."""
    markers, k = [], fence - 1
    while True:
        while k >= 0 and not lines[k].strip():
            k -= 1
        if k < 0 or not lines[k].rstrip().endswith("-->"):
            return markers
        start = k
        while start >= 0 and "<!--" not in lines[start]:
            start -= 1
        comment = "\n".join(lines[start:k + 1]).strip()
        m = MARKER.fullmatch(comment)
        if m:
            markers.insert(0, (m.group(1), m.group(2).strip()))
        elif "docs-test" in comment:
            markers.insert(0, ("unknown", comment))  # a typo must not pass for a block that ran
        else:
            return markers
        k = start - 1


def commands_of(block):
    commands, k = [], 0
    while k < len(block):
        text = [block[k]]  # a block starts with "$ ", and every output ends where the next "$ " starts
        while text[-1].endswith("\\") and k + 1 < len(block):
            k += 1
            text.append(block[k])
        k += 1
        output = []
        while k < len(block) and not block[k].startswith("$ "):
            output.append(block[k])
            k += 1
        commands.append(Command(text, output))
    return commands


def run(script, folder, env):
    """Runs bash SCRIPT in FOLDER: (exit code or None on timeout, stdout lines, stderr lines)."""
    try:
        p = subprocess.run(["bash", "-c", script], cwd=folder, env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired:
        return None, [], ["(timed out after %d s)" % TIME_LIMIT]
    # The program's own folder reads as /tmp/work (normalise() then treats it as any folder under /tmp).
    text = [s.decode(errors="replace").replace(folder, "/tmp/work") for s in (p.stdout, p.stderr)]
    return (p.returncode,) + tuple(strip_blank_tail(t.split("\n")) for t in text)


def strip_blank_tail(lines):
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def check_file(name, source, root, env, update):
    """Runs the examples of one Markdown file. Returns (commands, skipped, failed)."""
    path = os.path.join(source, name)
    lines = open(path).read().split("\n")
    folder = os.path.realpath(os.path.join(root, re.sub(r"\W", "_", name)))
    os.mkdir(folder)
    n = skipped = failed = 0
    rewrites = []
    for fence, end, markers in example_blocks(lines):
        where = "%s:%d" % (name, fence + 1)
        kinds = dict(markers)
        if "unknown" in kinds:
            n += 1
            failed += 1
            print("not ok - %s: not a docs-test marker: %s" % (where, kinds["unknown"]))
            continue
        if "skip" in kinds:
            n += 1
            skipped += 1
            print("ok - %s: %s # skip %s" % (where, lines[fence + 1][2:].rstrip(" \\"), kinds["skip"].strip("() ")))
            continue
        for kind, body in markers:
            if kind == "setup":
                rc, _, err = run(body, folder, env)
                if rc != 0:
                    n += 1
                    failed += 1
                    print("not ok - %s: the setup before the block fails (exit %s)" % (where, rc))
                    print("\n".join("#   " + line for line in err))
        block_exit = int(kinds.get("exit") or 0)
        block, changed = [], False
        for command in commands_of(lines[fence + 1:end]):
            n += 1
            start = time.monotonic()
            rc, out, err = run("\n".join(command.text)[2:], folder, env)
            seconds = time.monotonic() - start
            shown_out, shown_err, _ = command.shown()
            out_edits, out_lines = align(shown_out, out, prefix=True)
            err_edits, err_lines = align(shown_err, err, prefix=False)
            want_exit = command.shown_exit()
            want_exit = block_exit if want_exit is None else want_exit
            ok = out_edits == 0 and err_edits == 0 and rc == want_exit
            took = " (%.1f s)" % seconds if seconds >= 1 else ""
            label = "%s: %s%s" % (where, command.text[0][2:].rstrip(" \\"), took)
            output = command.output
            if ok:
                print("ok - " + label)
            else:
                output = command.rewritten(rc, want_exit, out_lines, err_lines)
                changed = True
                failed += not update
                print(("ok - %s # updated" if update else "not ok - %s") % label)
                if rc != want_exit:
                    print("#   exit code %s, not %s" % (rc, want_exit))
                for line in difflib.unified_diff([s.rstrip() for s in command.output], output, where + " (shown)",
                                                 where + " (program)", lineterm="", n=2):
                    print("#   " + line)
            block += command.text + output + [""] * command.gap
        if changed:
            rewrites.append((fence + 1, end, block))
    if update and rewrites:
        for first, end, block in reversed(rewrites):  # from the end, so that the indices still hold
            lines[first:end] = block
        with open(path, "w") as f:
            f.write("\n".join(lines))
        print("# %s: %d block(s) rewritten" % (name, len(rewrites)))
    return n, skipped, failed


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        print("usage: docs_test.py PATH/TO/tristage [--update] [FILE.md ...]", file=sys.stderr)
        return 2
    binary = os.path.abspath(args[0])
    update = "--update" in args
    source = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    files = [a for a in args[1:] if a != "--update"] or \
        ["README.md"] + sorted(os.path.relpath(p, source) for p in glob.glob(os.path.join(source, "docs", "*.md")))
    if not os.access(binary, os.X_OK):
        print("not ok - tristage binary '%s' is not executable\n1..1" % binary)
        return 1

    started = time.monotonic()
    root = tempfile.mkdtemp(prefix="tristage-docs.")
    try:
        bindir = os.path.join(root, "bin")
        os.mkdir(bindir)
        os.symlink(binary, os.path.join(bindir, "tristage"))
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""), DOCS_SOURCE=source)
        n = skipped = failed = 0
        for name in files:
            counts = check_file(name, source, root, env, update)
            n, skipped, failed = n + counts[0], skipped + counts[1], failed + counts[2]
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print("1..%d" % n)
    print("# %d example commands in %d files, %d skipped, %d failed; %.1f s"
          % (n, len(files), skipped, failed, time.monotonic() - started))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
