"""The client library's types are built when first used, not when it is imported."""

import subprocess
import sys

_CHECK = """
import migrator.connector
from trueconf.methods.send_message import SendMessage

answer = SendMessage.__returning__
def reader():
    return answer.__dict__["__mashumaro_from_dict__"].__func__.__code__.co_names
assert "CodeBuilder" in reader(), "built when the library was imported"
parsed = answer.from_dict({"chatId": "c1", "messageId": "m1", "timestamp": 1})
assert (parsed.chat_id, parsed.message_id, parsed.timestamp) == ("c1", "m1", 1), parsed
assert "CodeBuilder" not in reader(), "built again at every use"
"""


def test_the_library_types_are_built_at_first_use() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CHECK], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
