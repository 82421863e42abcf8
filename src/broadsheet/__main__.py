"""`python -m broadsheet` is the `broadsheet` command."""
import sys

from broadsheet.cli import main

sys.exit(main())
