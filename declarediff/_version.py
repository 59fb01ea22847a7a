"""The package version, read by hatchling and by ``declarediff --version``."""

__version__ = "0.1.0"
