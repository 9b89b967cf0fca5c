"""kg: knowledge graphs of diplomacy from Arabic news."""

__version__ = "0.1.0"
