"""What HQ leaves for a post to fetch: the enrollment file of its next key (key rotation).

    publish_enrollment(hq.path, "TGR1", data)     # 'fieldreg hq publish-enrollment'
    published_enrollment(hq.path, "TGR1")         # HQDIR/published/TGR1.enroll (the route serves it)

The file is the one 'fieldreg hq enroll-post' wrote, sealed under its one-time
passphrase: fetching it over the network gives nobody the key, and the post's
administrator still loads it with the passphrase HQ sends by another channel.
"""

from __future__ import annotations

from pathlib import Path

from fieldreg.errors import InvalidInput
from fieldreg.fsutil import atomic_write
from fieldreg.keys.enrollment import read_enrollment_info

PUBLISHED_DIR = "published"


def published_enrollment(hq_path: Path, post_id: str) -> Path:
    return hq_path / PUBLISHED_DIR / f"{post_id}.enroll"


def publish_enrollment(hq_path: Path, post_id: str, data: bytes) -> Path:
    """Offer ``data`` (an enrollment file for ``post_id``) to that post's next sync."""
    info = read_enrollment_info(data)
    if info.post_id != post_id:
        raise InvalidInput("this enrollment file is for post {other}, not {post_id}",
                           other=info.post_id, post_id=post_id)
    target = published_enrollment(hq_path, post_id)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    atomic_write(target, data)
    return target
