"""Running ``dangjian`` from a test, as a script would."""

from __future__ import annotations

from dangjian_desktop import cli


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001 - pytest's capsys
    """The exit code, then what was printed to stdout and to stderr."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
