"""FieldReg's Qt (PySide6) layer: the only package that imports Qt.

>>> from fieldreg.ui.slip_render import write_slips_pdf  # doctest: +SKIP

Everything here is thin over the core in ``fieldreg``: the core builds data
(slips, QR module matrices, verdicts), this package draws and shows it. Import
its modules lazily from the CLI so that commands without a display never load Qt.
"""
