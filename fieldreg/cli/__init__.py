"""The ``fieldreg`` command line: thin commands over the core services."""
