"""The sync protocol between a post and HQ's receiver: both ends' shared parts, and the client.

    protocol.py  names on the wire: paths, headers, statuses, the batch's upload id
    signing.py   requests signed with the post key (RFC 9421, Ed25519)
    tls.py       HQ's TLS key pinned (SPKI SHA-256); the refusal of any other
    backoff.py   exponential back-off with full jitter
    chunks.py    how much of a batch one PATCH carries: sized to the link
    problems.py  what stops a round: a code and its values, worded in English or by the app
    client.py    HqClient: resumable upload (tus 1.0.0), receipts and lists (conditional GETs)

Specified in docs/formats/sync.md. HQ's receiver (fieldreg.hq.server) uses
protocol, signing and tls; a post's sync service (fieldreg.station.sync) uses
the client. Nothing here knows a post's store or HQ's registry.
"""
