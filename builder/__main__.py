"""`python -m builder` is the same as the `gridboard` command."""

import sys

from .cli import main

sys.exit(main())
