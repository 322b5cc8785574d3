"""Turn a municipal government gazette into a static website."""

__version__ = "0.1.0"
