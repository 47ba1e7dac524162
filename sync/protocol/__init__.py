"""The wire contract between Cabinet and the back office (pydantic models), shared by both sides.

One module per concept: ``auth`` (sign-in, sessions, logins, delegations), ``data`` (payments,
rejects, ALD renewals, patients' situation), ``documents`` (SCOR reception), ``services`` (forms,
messages, activity, reimbursement history, events); ``search`` (how names are folded and matched, by
both sides) is imported from its module. Field names and shapes are fixed by the
back-office issue: other clients depend on them. The back office imports only this package from the
client side.
"""

from .auth import *  # noqa: F403
from .data import *  # noqa: F403
from .documents import *  # noqa: F403
from .services import *  # noqa: F403
