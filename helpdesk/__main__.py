"""``python -m helpdesk`` is the same as the ``helpdesk`` command."""

import sys

from .cli import main

sys.exit(main())
