"""Where the cover picture of converted voice notes is: its config key and its path (Pillow is
not needed to know it: ``covers`` draws it)."""

from __future__ import annotations

from pathlib import Path

from migrator.config.model import Language

COVER_KEY = "[chat.voice_message] cover_image"
REPO_ROOT = Path(__file__).resolve().parents[2]
BUNDLED_COVERS = REPO_ROOT / "cover"


def bundled_cover(language: Language) -> Path:
    """The cover made for this project: ``cover/ru.png`` or ``cover/en.png``."""
    return BUNDLED_COVERS / f"{language.value}.png"


def resolve_cover_image(value: str, *, config_dir: Path) -> Path:
    """Where ``cover_image`` points: absolute as is; relative from the config's folder, and if
    nothing is there, from the tool's own folder (so the default ``cover/en.png`` just works)."""
    path = Path(value).expanduser()
    if path.is_absolute():
        return path
    beside_config = config_dir / path
    if beside_config.exists():
        return beside_config
    beside_tool = REPO_ROOT / path
    return beside_tool if beside_tool.exists() else beside_config
