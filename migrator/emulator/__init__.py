"""A local stand-in for TrueConf Server 5.5+: the admin REST API, the Chatbot Connector
(token endpoint, WebSocket, file upload and download) and the /chatbot/ web folder, with
fault injection. It knows nothing of the migrator.

Conventions where the real server is undocumented (see the module named):
- ``getChatHistory``: newest first; ``fromMessageId`` pages to older messages, exclusive
  (state). System envelopes (participant added, role changed, ...) are part of the history.
- ``sendFile`` with a caption stores the caption as a separate text message right after the
  file; its id is ``captionMessageId`` (state).
- A throttled request answers ``errorCode`` 301 with ``retryAfter`` in milliseconds (errors).
- ``drop_ws_after_frames`` counts requests (``auth`` included, acknowledgements not) (config).
- Logins are case-insensitive and stored lower-case; user ids are ``login@domain``.
- One connection's requests are applied in the order they arrived; requests in flight together
  share the latency (websocket). A change is answered once it is in the ``--data`` journal.

Where the real server may well answer less kindly, ``Behaviours`` (config) switches to that answer;
the ``pessimistic`` profile switches them all.
"""

from migrator.emulator.config import PROFILES, Behaviours, EmulatorConfig, Faults
from migrator.emulator.errors import RATE_LIMIT_ERROR_CODE, ErrorCode
from migrator.emulator.server import EmulatorThread, RunningEmulator, start_emulator
from migrator.emulator.state import ServerState

__all__ = [
    "PROFILES",
    "RATE_LIMIT_ERROR_CODE",
    "Behaviours",
    "EmulatorConfig",
    "EmulatorThread",
    "ErrorCode",
    "Faults",
    "RunningEmulator",
    "ServerState",
    "start_emulator",
]
