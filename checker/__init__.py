"""checker: find where articles about the same event disagree, with evidence."""

__version__ = "0.1.0"
