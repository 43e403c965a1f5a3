"""Batches: a post's records carried to HQ, signed then encrypted (docs/formats/batch.md).

    format.py    the file format: write_batch / read_batch, Manifest (shared by both sides)
    receipt.py   HQ's signed acknowledgement: issue_receipt / open_receipt
    export.py    the post side: what is pending, atomic export, re-export, receipts loaded
"""
