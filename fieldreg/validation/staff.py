"""A staff user name, as a post creates its accounts and as HQ checks the ``by`` of each record.

    USERNAME_RE.match("awa.traore")     # a match: 2-32 of a-z 0-9 . _ -, starting with a letter

The post's accounts (fieldreg/store/accounts.py) check new user names with it.
"""

from __future__ import annotations

import re

USERNAME_RE = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")
