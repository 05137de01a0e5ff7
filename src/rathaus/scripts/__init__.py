"""Console scripts: ``rathaus <command>``."""
