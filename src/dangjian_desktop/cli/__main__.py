"""``python -m dangjian_desktop.cli``: the command line, as ``dangjian``."""

import sys

from dangjian_desktop.cli import main

sys.exit(main())
