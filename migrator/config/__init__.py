"""config.toml: typed model, loading with clear errors, layout-preserving edits."""

from migrator.config.document import ConfigDocument
from migrator.config.load import DEFAULT_CONFIG_PATH, load_config
from migrator.config.model import Config

__all__ = ["DEFAULT_CONFIG_PATH", "Config", "ConfigDocument", "load_config"]
