"""Planning: Telegram messages → the posts that will be sent.

``Planner(chat_key=…, logins=…, options=PlanOptions.from_config(config)).plan(message)`` gives a
``MessagePlan`` (posts, or an explicit skip, plus preflight notes) per message, in export order;
``plan_messages`` does the same over an iterable. ``upload_refusal`` says why the server's upload
limits would refuse a file (``None`` when they accept it).
"""

from migrator.plan.media import upload_refusal
from migrator.plan.options import PlanOptions, UploadLimits
from migrator.plan.planner import Planner, plan_messages

__all__ = ["PlanOptions", "Planner", "UploadLimits", "plan_messages", "upload_refusal"]
