"""``build_chat.py --probe``: check a real TrueConf Server before migrating.

The probe signs in as the chat owner (and a second account when a check needs two), runs each
check in scratch chats it removes afterwards, and writes what it found to
``<config stem>.server-profile.json`` beside the config. Each check is steps run through the
``ProbeServer`` protocol (``server.py``) followed by a pure evaluation (``checks.py``) of what was
observed.
"""
