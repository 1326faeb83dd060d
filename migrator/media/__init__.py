"""Media preparation: voice notes to mp4, stickers, previews.

The sender calls ``MediaPreparer.prepare(post)`` for every post with a file. (Upload limits are
checked at planning time by ``migrator.plan.media.upload_refusal``.)
"""

from migrator.media.covers import bundled_cover, resolve_cover_image
from migrator.media.ffmpeg import find_ffmpeg
from migrator.media.preparer import MediaPreparer, PreparedFile

__all__ = [
    "MediaPreparer",
    "PreparedFile",
    "bundled_cover",
    "find_ffmpeg",
    "resolve_cover_image",
]
