"""``python -m pith`` and the ``pith`` console script: the same command line
as the Rust binary (``pith extract …``, ``pith rules …``), run by the
compiled extension, so no separate executable is needed."""

import sys

from ._pith import _main


def main() -> None:
    """Run ``pith`` with this process's arguments and exit with its code."""
    sys.stdout.flush()
    sys.exit(_main(["pith", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
