"""The services a signed-in user of a station (a border post or a camp) calls.

    station = Station.open(data_dir)                 # locked: who the station is
    session = station.unlock("awa", passphrase)      # one façade, with sub-services:
    regno = session.households.register(household)
    issued = session.tokens.issue(regno)

The CLI (``fieldreg.cli``) and the desktop app (``fieldreg.ui``) call this
package and the plain layer (``fieldreg.model``, ``messages``, ``errors``,
``regno``, ``validation``, ``fsutil``) only; the station calls the store, keys,
tokens, batches and dedup packages, and its modules export what a screen or a
command needs from them (``fieldreg.station.accounts.ROLES``,
``fieldreg.station.verifying.Verdict`` ...). The import-linter contracts in
pyproject.toml hold the layers. See docs/architecture.md.
"""

from fieldreg.station.session import Session
from fieldreg.station.station import Station

__all__ = ["Session", "Station"]
