"""FieldReg: offline registration of arriving households at border posts.

The package is the headless core (no Qt import anywhere outside ``fieldreg.ui``):
domain model and validation, registration numbers, the encrypted store, accounts,
the audit chain, and the command line. ``fieldreg.ui`` draws on top of it.
"""

__version__ = "0.1.0"
