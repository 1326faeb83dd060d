"""Rewrite the ``expected`` of the message golden files from the planner's current output.

For deliberate behaviour changes only; review the diff of tests/fixtures/golden/ line by line
before keeping it. Run from the repository root:
    PYTHONPATH=tests:. .venv/bin/python -m plan.regenerate_golden
"""

from __future__ import annotations

import json

from migrator.plan import Planner

from .golden import CHAT_KEY, DEFAULT_LOGINS, GOLDEN_DIR, options_for, plan_as_dict, to_message
from .test_golden_messages import LANGUAGES


def main() -> None:
    for file_name, language in LANGUAGES.items():
        path = GOLDEN_DIR / file_name
        cases = json.loads(path.read_text(encoding="utf-8"))
        for case in cases:
            case_input = case["input"]
            planner = Planner(
                chat_key=CHAT_KEY,
                logins=case_input.get("logins", DEFAULT_LOGINS),
                options=options_for(case_input, language),
            )
            for earlier in case_input.get("before", []):
                planner.plan(to_message(earlier))
            case["expected"] = plan_as_dict(planner.plan(to_message(case_input["message"])))
        text = json.dumps(cases, ensure_ascii=False, indent=1) + "\n"
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
