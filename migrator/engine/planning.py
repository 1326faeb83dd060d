"""From the export and config to the chat's plan: posts, participants, who can sign in."""

from __future__ import annotations

import difflib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, tzinfo
from pathlib import Path

from migrator.config.model import ChatType, Config, UserConfig, UserType
from migrator.connector import Credentials
from migrator.engine.plan_spool import PlanSpool
from migrator.errors import ConfigError
from migrator.i18n import tr
from migrator.plan import PlanOptions, UploadLimits, plan_messages
from migrator.plan.post import Post, topic_chat_key
from migrator.plan.service import renders
from migrator.plan_chats.kinds import CHANNEL_KINDS, PERSONAL_KINDS, export_chat_type
from migrator.secrets import register_secret
from migrator.send import ChatSpec
from migrator.telegram.loader import iter_messages
from migrator.telegram.model import ChatInfo, LoadStats, Message
from migrator.telegram.model import ChatType as TelegramChatType
from migrator.tokens import TokenState, check_token, issued_to_someone_else
from migrator.users.lookup import logins_by_telegram_id

log = logging.getLogger(__name__)

# What the administrator reads (kept together for the message catalogue).
_NOT_THEIR_OWN = (
    "{config}: the access_token of {entries} was issued to another account ({subjects}): "
    "the migration would post these people's messages under someone else's name"
)
_NOT_THEIR_OWN_HINT = (
    "put each person's own token in their entry (parse_users.py --import-tokens DIR matches "
    "token files by login), or delete the token so that the entry signs in with its password; "
    "parse_users.py --check-tokens lists every such entry"
)
_NO_SUBJECT = "[users.%s]: the token names no account (no subject claim); it cannot be checked"


@dataclass(frozen=True, slots=True)
class PlannedChat:
    chat: ChatInfo
    plans: PlanSpool  # the plans in order, read back as often as needed
    spec: ChatSpec
    stats: LoadStats
    people: tuple[str, ...] = ()  # logins of the export's senders, in order of first message
    placeholders: tuple[str, ...] = ()  # senders' [users] entries without an account (deleted)
    timezone: tzinfo = UTC  # [chat.datetime] timezone: how reports and the preview show times
    # [chat] topics = "separate": this is the own chat of the forum topic (its creation's id)
    topic_id: int | None = None
    topic_title: str | None = None

    @property
    def posts(self) -> list[Post]:
        """Every post at once (the dry run, ``--verify`` and ``--repair`` hold the whole chat)."""
        return list(self.iter_posts())

    def iter_posts(self) -> Iterator[Post]:
        """The posts in order, read as they are needed."""
        return (post for plan in self.plans for post in plan.posts)

    @property
    def post_count(self) -> int:
        return self.plans.posts

    def authors_in_order(self) -> Iterator[str]:
        """The login of each post, in order (who posts next, for the session pool)."""
        return self.plans.authors_in_order()

    def has_topics(self) -> bool:
        """Messages of a forum's topics are among the plans."""
        return self.plans.has_topics

    def converts_voice(self) -> bool:
        return self.plans.converts_voice

    @property
    def key(self) -> str:
        """The key of this TrueConf chat in the ledger, post keys and output folders."""
        if self.topic_id is None:
            return self.chat.key
        return topic_chat_key(self.chat.key, self.topic_id)

    @property
    def name(self) -> str | None:
        if self.topic_id is None:
            return self.chat.name
        return f"{self.chat.name or self.chat.key} / {self.topic_title or ''}"

    @property
    def label(self) -> str:
        return f"{self.name or self.key} ({self.key})"


def is_deleted(user: UserConfig) -> bool:
    """A placeholder for a deleted Telegram account: no TrueConf account exists for it."""
    return str(user.type) == UserType.DELETED.value


def sign_in_password(config: Config, user: UserConfig) -> str | None:
    """The entry's password, else ``[registration] default_password`` (what
    add_users_to_server.py gave the account when the entry had none)."""
    if is_deleted(user):
        return None
    password = user.password or config.registration.default_password or None
    register_secret(password)
    return password


def credentials_from_config(config: Config) -> dict[str, Credentials]:
    """How each ``[users]`` entry signs in; deleted-account placeholders have no account."""
    credentials: dict[str, Credentials] = {}
    for login, user in config.users.items():
        if is_deleted(user):
            continue
        register_secret(user.access_token or None)
        credentials[login] = Credentials(
            login, token=user.access_token or None, password=sign_in_password(config, user)
        )
    return credentials


def check_owner(config: Config, *, config_name: str = "config.toml") -> str:
    """``[chat] owner`` must name an account of ``[users]``: it creates the chat and posts for
    everyone who cannot. Checked before anything else, in the dry run too."""
    owner = config.chat.owner
    accounts = [login for login, user in config.users.items() if not is_deleted(user)]
    if owner and owner in accounts:
        return owner
    if owner and owner in config.users:
        problem = tr("config.owner_deleted", config=config_name, owner=owner)
    elif owner:
        problem = tr("config.owner_unknown", config=config_name, owner=owner)
    else:
        problem = tr("config.owner_empty", config=config_name)
    closest = difflib.get_close_matches(owner, accounts, n=max(len(accounts), 1), cutoff=0.0)
    ordered = list(dict.fromkeys([*closest, *accounts]))
    listed = ", ".join(ordered[:20]) + (", …" if len(ordered) > 20 else "")
    raise ConfigError(
        problem,
        hint=tr("config.owner_hint", logins=listed)
        if ordered
        else tr("config.owner_hint_no_users"),
    )


def check_token_identities(config: Config, config_path: Path) -> None:
    """Every ``[users]`` token must be its entry's own: a token names its account in its
    claims (``sub``); ``login@server`` and ``DOMAIN\\login`` name the same login, in any case.
    Checked before anything is created or sent. Nothing here shows a token."""
    wrong: dict[str, str] = {}
    for login, user in config.users.items():
        if is_deleted(user) or not user.access_token:
            continue
        subject = issued_to_someone_else(user.access_token, login)
        if subject is not None:
            wrong[login] = subject
        elif check_token(user.access_token).subject is None:
            log.info(_NO_SUBJECT, login)
    if wrong:
        raise ConfigError(
            _NOT_THEIR_OWN.format(
                config=config_path,
                entries=", ".join(f"[users.{login}]" for login in wrong),
                subjects=", ".join(f"{login}: {subject!r}" for login, subject in wrong.items()),
            ),
            hint=_NOT_THEIR_OWN_HINT,
        )


def sign_in_summary(config: Config, logins: list[str]) -> dict[str, str]:
    """How each login will sign in, for the preflight (never shows a token or password)."""
    summary: dict[str, str] = {}
    for login in logins:
        user = config.users.get(login)
        if user is None:
            summary[login] = tr("signin.not_in_users")
            continue
        if is_deleted(user):
            summary[login] = tr("signin.deleted")
            continue
        state = check_token(user.access_token or None).state
        shown = tr(_TOKEN_STATE[state])
        if state is TokenState.VALID:
            summary[login] = tr("signin.token")
        elif state is TokenState.SOON_EXPIRING:
            summary[login] = tr("signin.token_soon")
        elif user.password:
            summary[login] = tr("signin.password", state=shown)
        elif sign_in_password(config, user):
            summary[login] = tr("signin.default_password", state=shown)
        else:
            summary[login] = tr("signin.cannot", state=shown)
    return summary


_TOKEN_STATE = {
    TokenState.VALID: "token.valid",
    TokenState.SOON_EXPIRING: "token.expires_soon",
    TokenState.EXPIRED: "token.expired",
    TokenState.MALFORMED: "token.malformed",
    TokenState.MISSING: "token.missing",
}
_GROUPS = {
    TelegramChatType.PRIVATE_GROUP,
    TelegramChatType.PRIVATE_SUPERGROUP,
    TelegramChatType.PUBLIC_SUPERGROUP,
}


def configured_chat_type(config: Config, chat: ChatInfo) -> ChatType:
    """``[chat] type``, or the export's kind when it is empty."""
    return config.chat.type or export_chat_type(chat)


def kind_mismatch(config: Config, chat: ChatInfo, *, config_name: str) -> str | None:
    """A warning when ``[chat] type`` contradicts the Telegram chat's kind (a channel migrated as
    a group, a personal chat as a group, …); None when they agree or the kind is not known."""
    configured = config.chat.type
    if not configured:
        return None
    if chat.type in CHANNEL_KINDS:
        telegram = "preflight.kind_channel"
    elif chat.type in PERSONAL_KINDS:
        telegram = "preflight.kind_personal"
    elif chat.type in _GROUPS:
        telegram = "preflight.kind_group"
    else:
        return None
    suggested = export_chat_type(chat)
    if suggested is configured:
        return None
    return tr(
        "preflight.kind_mismatch",
        telegram=tr(telegram),
        configured=configured.value,
        suggested=suggested.value,
        config=config_name,
    )


def size_on_disk(path: Path) -> int | None:
    """The size of an export's file, for exports that leave ``file_size`` out."""
    try:
        return path.stat().st_size
    except OSError:
        return None


def plan_chat(
    config: Config,
    *,
    export_dir: Path,
    chat: ChatInfo,
    upload_limits: UploadLimits | None = None,
    title: str | None = None,
    kind: ChatType | None = None,
) -> PlannedChat:
    """Plan every message; authors who cannot sign in are attributed to the owner by the planner."""
    owner = check_owner(config)
    credentials = credentials_from_config(config)
    all_logins = logins_by_telegram_id(config)
    usable = {
        peer: login
        for peer, login in all_logins.items()
        if login == owner or (login in credentials and credentials[login].can_sign_in)
    }
    # Deleted accounts' placeholders have no TrueConf account: never participants.
    accounts = {login for peer, login in all_logins.items() if login in credentials}
    options = replace(PlanOptions.from_config(config), upload_limits=upload_limits)
    stats = LoadStats()
    people: dict[str, None] = {}
    placeholders: dict[str, None] = {}

    def watched(messages: Iterator[Message]) -> Iterator[Message]:
        for message in messages:
            service = message.service
            if service is not None and service.known and not renders(service):
                stats.count(stats.unknown_actions, service.action)
            if message.sender is not None and message.sender.id is not None:
                login = all_logins.get(str(message.sender.id))
                if login is not None:
                    (people if login in accounts else placeholders).setdefault(login)
            yield message

    plans = PlanSpool(owner=owner)
    for plan in plan_messages(
        # Exports older than Telegram Desktop 3.7.6 give only local times (``date``): read
        # them in the chat's configured time zone, the best guess for the exporting machine.
        watched(iter_messages(export_dir, chat, stats=stats, export_timezone=options.timezone)),
        chat_key=chat.key,
        logins=usable,
        options=options,
        size_of=size_on_disk,
    ):
        plans.add(plan)
    spec = chat_spec(config, chat, list(plans.authors), list(people), title=title, kind=kind)
    return PlannedChat(
        chat=chat,
        plans=plans,
        spec=spec,
        stats=stats,
        people=tuple(people),
        placeholders=tuple(placeholders),
        timezone=options.timezone,
    )


def chat_spec(
    config: Config,
    chat: ChatInfo,
    authors: list[str],
    people: list[str],
    *,
    title: str | None = None,
    kind: ChatType | None = None,
) -> ChatSpec:
    """Who takes part: the owner, every author (who posts as themselves, in order), and
    (personal chat) the export's other person."""
    owner = config.chat.owner
    participants = tuple(dict.fromkeys([*authors, *people]))
    participants = tuple(login for login in participants if login != owner)
    kind = kind or configured_chat_type(config, chat)
    if kind is ChatType.PERSONAL:
        others = [login for login in dict.fromkeys(people) if login != owner]
        if len(others) > 1 or (others and owner not in people and len(people) > 1):
            raise ConfigError(
                tr("chat_setup.personal_too_many", people=", ".join(people), owner=owner),
                hint=tr("chat_setup.personal_too_many_hint"),
            )
        participants = tuple(others[:1])
    return ChatSpec(
        title=title or config.chat.name or chat.name or chat.key,
        type=kind,
        owner=owner,
        participants=participants,
        authors=frozenset(authors),
    )
