"""config.toml: typed model, loading with clear errors, layout-preserving edits."""
