"""Media preparation: voice notes to mp4, stickers, previews.

The sender calls ``MediaPreparer.prepare(post)`` for every post with a file. (Upload limits are
checked at planning time by ``migrator.plan.media.upload_refusal``.) Pillow and the modules
that draw with it are imported at the first file that needs them: a chat of texts starts
without them.
"""

from migrator.media.cover_file import bundled_cover, resolve_cover_image
from migrator.media.ffmpeg import find_ffmpeg
from migrator.media.preparer import MediaPreparer, PreparedFile

__all__ = [
    "MediaPreparer",
    "PreparedFile",
    "bundled_cover",
    "find_ffmpeg",
    "resolve_cover_image",
]
