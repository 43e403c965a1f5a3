"""``python -m fieldreg`` behaves exactly like the ``fieldreg`` command."""

import sys

from fieldreg.cli.main import main

sys.exit(main())
