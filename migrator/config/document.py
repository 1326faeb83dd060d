"""Editing config.toml without disturbing it: comments, order and layout survive (tomlkit).

Only ``[users]`` and ``[chats]`` are ever changed. ``save`` writes a temporary file beside the
config, with mode 0600 (the file holds passwords and tokens), and renames it over the original, so
a crash leaves either the old file or the new one, never half of one. It also refuses to overwrite
a file that someone edited since it was loaded.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import Comment, InlineTable, Table, Whitespace
from tomlkit.toml_document import TOMLDocument

from migrator.config.load import config_from_data, decode_config, read_config_bytes, toml_error
from migrator.config.model import Config, UserConfig, UserValue
from migrator.config.problems import SECRET_KEYS
from migrator.errors import ConfigError
from migrator.i18n import tr
from migrator.secrets import register_secret

_UTF8_BOM = "\ufeff"
_USER_FIELDS = frozenset(UserConfig.model_fields)


def _check_fields(fields: Mapping[str, UserValue]) -> None:
    unknown = set(fields) - _USER_FIELDS
    if unknown:
        raise ValueError(f"not keys of a [users] entry: {sorted(unknown)}")
    for key, value in fields.items():
        if key in SECRET_KEYS and isinstance(value, str):
            register_secret(value)


def _with_comments(entry: Table | InlineTable, comments: Sequence[str]) -> Table:
    """A copy of ``entry`` with comment lines first (its header comment stays with the header)."""
    table = tomlkit.table()
    for comment in comments:
        table.add(tomlkit.comment(comment))
    for key, value in entry.value.body:
        if key is None and isinstance(value, Comment | Whitespace):
            table.add(value)
        elif key is not None:
            table.add(key, value)
    return table


def _trailing_newlines(text: str) -> int:
    return len(text) - len(text.rstrip("\n"))


def _end_with_blank_line(table: Table) -> None:
    """Make the last thing inside ``table`` (maybe a sub-table) end with an empty line."""
    if table.as_string().endswith("\n\n"):
        return
    body = table.value.body
    if body and isinstance(body[-1][1], Table):
        _end_with_blank_line(body[-1][1])
    else:
        table.add(tomlkit.nl())


class ConfigDocument:
    """config.toml opened for editing. Create with ``ConfigDocument.load(path)``."""

    def __init__(self, path: Path, original: bytes, document: TOMLDocument) -> None:
        self.path = path
        self._original = original
        self._document = document

    @classmethod
    def load(cls, path: Path) -> ConfigDocument:
        raw = read_config_bytes(path)
        text = decode_config(raw, path)
        try:
            document = tomlkit.parse(text)
        except TOMLKitError as exc:
            raise toml_error(path, text, exc) from None
        config_from_data(document.unwrap(), path)  # the same checks as load_config
        return cls(path, raw, document)

    def config(self) -> Config:
        """The document as it is now, validated."""
        return config_from_data(self._document.unwrap(), self.path)

    def text(self) -> str:
        """What ``save`` would write (without the byte-order mark the file may have)."""
        text = self._document.as_string()
        wanted = _trailing_newlines(self._original.decode("utf-8"))
        if _trailing_newlines(text) > wanted:
            # our appended entries end with an empty line; keep the file's own ending
            text = text.rstrip("\n") + "\n" * max(wanted, 1)
        return text

    def _users_table(self) -> Table:
        users = self._document.get("users")
        if users is None:
            if not self._document.as_string().endswith("\n\n"):
                self._document.add(tomlkit.nl())
            users = tomlkit.table()
            self._document.add("users", users)
        if not isinstance(users, Table):
            raise ConfigError(tr("document.users_not_section", path=self.path))
        return users

    def set_user(self, login: str, **fields: UserValue) -> None:
        """Set keys of ``[users.<login>]``, creating the entry at the end of ``[users]``."""
        _check_fields(fields)
        users = self._users_table()
        entry = users.get(login)
        if isinstance(entry, Table | InlineTable):
            for key, value in fields.items():
                entry[key] = value
            return
        if entry is not None:
            raise ConfigError(tr("document.user_not_table", path=self.path, login=login))
        table = tomlkit.table()
        for key, value in fields.items():
            table.add(key, value)
        table.add(tomlkit.nl())
        _end_with_blank_line(users)
        users.add(login, table)

    def comment_user(self, login: str, comments: Sequence[str]) -> None:
        """Put comment lines at the top of the existing ``[users.<login>]`` (the rest is kept)."""
        users = self._users_table()
        users[login] = _with_comments(self._entry(login), comments)

    def rename_user(
        self,
        login: str,
        new_login: str,
        *,
        drop: Sequence[str] = (),
        values: Mapping[str, UserValue] | None = None,
    ) -> None:
        """Move ``[users.<login>]`` to the end of ``[users]`` as ``new_login``: its keys but
        ``drop``, then ``values`` set."""
        entry = self._entry(login)
        users = self._users_table()
        if new_login in users:
            raise ConfigError(tr("document.user_exists", path=self.path, login=new_login))
        kept = {key: value for key, value in entry.items() if key not in drop}
        users.remove(login)
        self.set_user(new_login, **(kept | dict(values or {})))

    def _chats_table(self) -> Table:
        chats = self._document.get("chats")
        if chats is None:
            if not self._document.as_string().endswith("\n\n"):
                self._document.add(tomlkit.nl())
            chats = tomlkit.table(is_super_table=True)
            self._document.add("chats", chats)
        if not isinstance(chats, Table):
            raise ConfigError(tr("document.chats_not_section", path=self.path))
        return chats

    def add_chat(
        self, key: str, fields: Mapping[str, str | bool], comments: Sequence[str] = ()
    ) -> None:
        """Append ``[chats.<key>]`` with ``comments`` above its keys (a new table only)."""
        chats = self._chats_table()
        if key in chats:
            raise ConfigError(tr("document.chat_exists", path=self.path, key=key))
        table = tomlkit.table()
        for comment in comments:
            table.add(tomlkit.comment(comment))
        for name, value in fields.items():
            table.add(name, value)
        table.add(tomlkit.nl())
        _end_with_blank_line(chats)
        chats.add(key, table)

    def mark_chat(self, key: str, comment: str, *, same_as: Sequence[str] = ()) -> bool:
        """Put a comment line at the top of ``[chats.<key>]`` unless it (or one of ``same_as``,
        the same words in another language) is there already."""
        chats = self._chats_table()
        entry = chats.get(key)
        if not isinstance(entry, Table | InlineTable):
            raise ConfigError(tr("document.no_chat", path=self.path, key=key))
        text = entry.as_string()
        if any(f"# {line}" in text for line in (comment, *same_as)):
            return False
        chats[key] = _with_comments(entry, [comment])
        return True

    def _entry(self, login: str) -> Table | InlineTable:
        entry = self._users_table().get(login)
        if not isinstance(entry, Table | InlineTable):
            raise ConfigError(tr("document.no_user", path=self.path, login=login))
        return entry

    def _unwritable(self, exc: OSError) -> ConfigError:
        return ConfigError(
            tr(
                "document.unwritable",
                path=self.path,
                folder=self.path.parent,
                error=exc.strerror or exc,
            ),
            hint=tr("document.unwritable_hint"),
        )

    def save(self) -> None:
        """Write atomically (temp file + rename), mode 0600, after checking the result."""
        self.config()
        if self.path.exists() and self.path.read_bytes() != self._original:
            raise ConfigError(
                tr("document.changed", path=self.path),
                hint=tr("document.changed_hint"),
            )
        prefix = _UTF8_BOM if self._original.startswith(_UTF8_BOM.encode()) else ""
        data = (prefix + self.text()).encode("utf-8")
        try:
            descriptor, temporary = tempfile.mkstemp(
                dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
            )
        except OSError as exc:
            raise self._unwritable(exc) from None
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            Path(temporary).chmod(0o600)
            Path(temporary).replace(self.path)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()
            if isinstance(exc, OSError):
                raise self._unwritable(exc) from None
            raise
        self._original = data
        if os.name != "nt":
            directory = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
