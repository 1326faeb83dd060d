"""Which file post a media item becomes, or the visible note that replaces it.

A file is posted only when the export holds it and the server's upload limits accept it;
otherwise the message gets a note naming the file and the reason, and the preflight gets the
same note. A file's size comes from the export (``file_size``); where the export leaves it out
(older exports), from the ``size_of`` lookup the caller passes (the engine reads the file's size on
disk), so the planner itself does no I/O and is tested with plain values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from migrator.config.model import Language
from migrator.labels import label
from migrator.render import render_plain
from migrator.telegram.model import Media, MediaKind, MediaRef, MissingReason

from .options import PlanOptions, UploadLimits
from .post import Conversion, PostKind

# The size in bytes of a file the export holds, or None when it cannot be told.
SizeLookup = Callable[[Path], int | None]


@dataclass(frozen=True, slots=True)
class FileSpec:
    kind: PostKind
    path: Path
    file_name: str
    conversion: Conversion | None = None


@dataclass(frozen=True, slots=True)
class FileNote:
    """A file that will not be uploaded: the visible line (in the chat's language), the note for
    the preflight and the reports (in the interface language), and the visible line's text."""

    html: str
    note: str
    inline: str


_MISSING_LABELS = {
    MissingReason.NOT_INCLUDED: "media_not_included",
    MissingReason.TOO_LARGE: "media_too_large",
    MissingReason.UNAVAILABLE: "media_unavailable",
    MissingReason.NOT_FOUND: "media_not_found",
    MissingReason.OUTSIDE_EXPORT: "media_outside_export",
}
# Placeholders stand where a path would be, so they name no file.
_PLACEHOLDER_REASONS = frozenset(
    {MissingReason.NOT_INCLUDED, MissingReason.TOO_LARGE, MissingReason.UNAVAILABLE}
)


def plan_media(
    media: Media, options: PlanOptions, size_of: SizeLookup | None = None
) -> FileSpec | FileNote:
    """The file post for ``media``, or why there is none (``size_of``: see the module)."""
    if not media.file.available or media.file.path is None:
        missing = _MISSING_LABELS[media.file.missing or MissingReason.NOT_FOUND]
        return _note(lambda lang: (_display_name(media, lang), label(missing, lang)), options)
    path = media.file.path
    file_name = media.file_name or path.name
    kind, conversion = _kind_and_conversion(media, path, options.convert_voice_to_video)
    if options.upload_limits is not None:
        # A conversion makes a new file, whose size is known only once it is made.
        size = None if conversion else _size(media.file_size, path, size_of)
        limits = options.upload_limits
        uploaded = _uploaded_name(file_name, conversion)

        def refused(lang: Language) -> str | None:
            return upload_refusal(file_name=uploaded, size=size, limits=limits, language=lang)

        if refused(options.language) is not None:
            return _note(lambda lang: (file_name, refused(lang) or ""), options)
    return FileSpec(kind=kind, path=path, file_name=file_name, conversion=conversion)


def plan_vcard(
    vcard: MediaRef, options: PlanOptions, size_of: SizeLookup | None = None
) -> FileSpec | FileNote:
    """A contact's vCard as a file post (or a note); the export never gives its size."""
    name = (
        PurePosixPath(vcard.relative).name if vcard.missing not in _PLACEHOLDER_REASONS else "vCard"
    )
    if not vcard.available or vcard.path is None:
        missing = _MISSING_LABELS[vcard.missing or MissingReason.NOT_FOUND]
        return _note(lambda lang: (name, label(missing, lang)), options)
    if options.upload_limits is not None:
        limits, path = options.upload_limits, vcard.path
        size = _size(None, path, size_of)

        def refused(lang: Language) -> str | None:
            return upload_refusal(file_name=path.name, size=size, limits=limits, language=lang)

        if refused(options.language) is not None:
            return _note(lambda lang: (path.name, refused(lang) or ""), options)
    return FileSpec(kind=PostKind.FILE, path=vcard.path, file_name=vcard.path.name)


def upload_refusal(
    *, file_name: str, size: int | None, limits: UploadLimits, language: Language
) -> str | None:
    """Why the server would refuse this upload, or ``None`` when it accepts it."""
    extension = PurePosixPath(file_name).suffix.lower().lstrip(".")
    if limits.allowed_extensions is not None and limits.allowed_extensions:
        if not extension:
            return label("media_no_extension_allowed", language)
        if extension not in limits.allowed_extensions:
            return label("media_blocked_extension", language, ext=extension)
    if extension and extension in limits.blocked_extensions:
        return label("media_blocked_extension", language, ext=extension)
    if limits.max_size is not None and size is not None and size > limits.max_size:
        return label(
            "media_over_limit", language, size=format_size(size), limit=format_size(limits.max_size)
        )
    return None


def _size(declared: int | None, path: Path, size_of: SizeLookup | None) -> int | None:
    if declared is not None or size_of is None:
        return declared
    return size_of(path)


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _kind_and_conversion(
    media: Media, path: Path, convert_voice: bool
) -> tuple[PostKind, Conversion | None]:
    suffix = path.suffix.lower()
    match media.kind:
        case MediaKind.PHOTO:
            return PostKind.PHOTO, Conversion.PHOTO_PREVIEW
        case MediaKind.STICKER if suffix == ".webp":
            return PostKind.STICKER, None
        case MediaKind.STICKER if suffix == ".tgs":
            return PostKind.FILE, Conversion.TGS_TO_GIF
        case MediaKind.VOICE_MESSAGE if convert_voice:
            return PostKind.VIDEO, Conversion.VOICE_TO_MP4
        case MediaKind.VIDEO_MESSAGE | MediaKind.VIDEO_FILE:
            return PostKind.VIDEO, None
        case _:
            return PostKind.FILE, None


def _uploaded_name(file_name: str, conversion: Conversion | None) -> str:
    """The name the server sees: conversions change the extension."""
    stem = PurePosixPath(file_name).stem
    if conversion is Conversion.VOICE_TO_MP4:
        return f"{stem}.mp4"
    if conversion is Conversion.TGS_TO_GIF:
        return f"{stem}.gif"
    return file_name


def _display_name(media: Media, language: Language) -> str:
    if media.file_name:
        return media.file_name
    if media.file.missing not in _PLACEHOLDER_REASONS and media.file.relative:
        return PurePosixPath(media.file.relative).name
    return label(f"kind_{media.kind.value}", language)


def _note(named: Callable[[Language], tuple[str, str]], options: PlanOptions) -> FileNote:
    """``named``: the file's name and the reason, in a given language."""

    def text(lang: Language) -> str:
        name, reason = named(lang)
        return label("media_missing", lang, name=name, reason=reason)

    inline = text(options.language)
    return FileNote(
        html=f"📎 <i>{render_plain(inline)}</i>",
        note=text(options.interface_language()),
        inline=inline,
    )
