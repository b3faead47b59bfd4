"""``python -m coproduction``: the same as the ``coproduction`` command."""

import sys

from coproduction.cli import main

sys.exit(main())
