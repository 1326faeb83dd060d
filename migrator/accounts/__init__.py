"""Creating the accounts of ``[users]`` on TrueConf Server (``add_users_to_server.py``)."""

from migrator.accounts.plan import AccountPlan, RefusedUser, plan_accounts
from migrator.accounts.run import AddUsersOutcome, add_users
from migrator.accounts.table import render_dry_run, render_results

__all__ = [
    "AccountPlan",
    "AddUsersOutcome",
    "RefusedUser",
    "add_users",
    "plan_accounts",
    "render_dry_run",
    "render_results",
]
