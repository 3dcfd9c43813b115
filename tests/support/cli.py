"""Running ``dangjian`` from a test, as a script would."""

from __future__ import annotations

from dangjian_desktop import cli


def run(capsys, *argv: object) -> tuple[int, str, str]:  # noqa: ANN001 - pytest's capsys
    """The exit code, then what was printed to stdout and to stderr. Arguments may be paths, numbers or
    months (each is passed as its text); argparse's own exit (a command line it cannot read) gives its
    code, as the shell sees it."""
    try:
        code = cli.main([str(arg) for arg in argv])
    except SystemExit as exited:
        code = int(exited.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
