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
"""

from migrator.emulator.config import EmulatorConfig, Faults
from migrator.emulator.errors import RATE_LIMIT_ERROR_CODE, ErrorCode
from migrator.emulator.server import EmulatorThread, RunningEmulator, start_emulator
from migrator.emulator.state import ServerState

__all__ = [
    "RATE_LIMIT_ERROR_CODE",
    "EmulatorConfig",
    "EmulatorThread",
    "ErrorCode",
    "Faults",
    "RunningEmulator",
    "ServerState",
    "start_emulator",
]
