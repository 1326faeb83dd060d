"""A migrated chat's report made as its posts are sent: each message's entry as soon as every
post of it has an outcome, written to the report's spool, so that no chat is whole in memory."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Iterable, Iterator

from migrator.plan.post import MessagePlan, Post, PostKey
from migrator.report.html_report import ReportSpool
from migrator.report.outcomes import Tally
from migrator.send import PostOutcome


class OutcomeFold:
    """Plans go in as their posts are handed to the sender; outcomes come back in order."""

    def __init__(self, tally: Tally, spool: ReportSpool) -> None:
        """Use it on the event loop: an outcome is reported once the sender waits for its next
        answer, not before it sends its next post."""
        self._tally = tally
        self._spool = spool
        self._plans: deque[MessagePlan] = deque()  # handed out, not reported yet
        self._outcomes: dict[PostKey, PostOutcome] = {}
        self._due: asyncio.TimerHandle | None = None

    def posts_of(self, plans: Iterable[MessagePlan]) -> Iterator[Post]:
        for plan in plans:
            self._plans.append(plan)
            self._report_done()
            yield from plan.posts

    def add(self, outcome: PostOutcome) -> None:
        self._outcomes[outcome.post.key] = outcome
        if self._due is None:
            # The sender goes on at once to its next post and the loop runs this after that
            # post's request is written (a timer that is due runs after the callbacks already
            # queued, among them the task that writes it): the entry is made while the server
            # answers, not before the request goes out.
            self._due = asyncio.get_running_loop().call_later(0, self._report_due)

    def _report_due(self) -> None:
        self._due = None
        self._report_done()

    def stop_waiting(self) -> None:
        """The sending is over (done or stopped): nothing is reported later from the loop; what
        is left is ``finish``'s (the report's files may be closed before the loop ends)."""
        if self._due is not None:
            self._due.cancel()
            self._due = None

    def finish(self) -> None:
        """Report what is left (a post without an outcome: the run stopped before it)."""
        self.stop_waiting()
        self._report_done()
        while self._plans:
            self._report(self._plans.popleft())

    def _report_done(self) -> None:
        plans = self._plans
        while plans and all(post.key in self._outcomes for post in plans[0].posts):
            self._report(plans.popleft())

    def _report(self, plan: MessagePlan) -> None:
        self._spool.add(self._tally.entry(plan, self._outcomes))
        for post in plan.posts:
            self._outcomes.pop(post.key, None)
