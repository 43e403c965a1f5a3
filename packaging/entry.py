"""The bundle's entry point: exactly the ``fieldreg`` command (no command: the desktop app)."""

import sys

from fieldreg.cli.main import main

sys.exit(main())
