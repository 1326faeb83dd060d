"""build_chat's exit codes."""

EXIT_OK, EXIT_FAILED_MESSAGES = 0, 1
