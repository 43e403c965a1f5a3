"""HQ's duplicate decisions through the receiver, for a future console (docs/formats/sync.md §7.3).

    POST /v1/duplicates/decisions?a=<member key>&b=<member key>&decision=same|different
    (signed with an HQ console key: keyid="console:<name>", fieldreg/hq/console.py)

The same ``decide`` the command line calls (``fieldreg hq duplicates decide``,
fieldreg/hq/decisions.py), recorded as decided by ``console:<name>``; then
both posts' receipts are written again, so the decision reaches them at their
next sync. Everything the request says is in its query, which the signature
covers: there is no body. A refusal is one line and changes nothing.
"""

from __future__ import annotations

import anyio
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from fieldreg.errors import FieldRegError, InvalidInput, NotFound
from fieldreg.hq.console import KEY_ID_PREFIX
from fieldreg.hq.decisions import HqDecision, decide
from fieldreg.hq.files import write_receipts
from fieldreg.hq.registry import Registry
from fieldreg.hq.server.guard import Guard, Refuse
from fieldreg.keys.hqdir import HqDir

PARAMETERS = ("a", "b", "decision")


async def decide_through_api(hq: HqDir, guard: Guard, request: Request) -> Response:
    name = guard.authenticate_console(request)
    query = request.query_params
    if sorted(query.keys()) != sorted(PARAMETERS) or any(len(query.getlist(p)) != 1 for p in PARAMETERS):
        raise Refuse(400, "invalid", "the query must give a, b and decision, once each")

    def record() -> tuple[HqDecision, list[str]]:
        with Registry.open(hq) as registry:
            decision = decide(registry, query["a"], query["b"], query["decision"], by=KEY_ID_PREFIX + name)
            return decision, write_receipts(hq, registry, {decision.post_a, decision.post_b})

    try:
        decision, receipts = await anyio.to_thread.run_sync(record)
    except InvalidInput as err:
        raise Refuse(400, "invalid", str(err)) from None
    except NotFound as err:
        raise Refuse(404, "not_found", str(err)) from None
    except FieldRegError as err:
        raise Refuse(503, "hq_storage", f"HQ could not record the decision now ({err})") from None
    return JSONResponse({**decision.to_json(), "posts": sorted({decision.post_a, decision.post_b}),
                         "receipts": receipts}, headers={"Cache-Control": "no-store"})
