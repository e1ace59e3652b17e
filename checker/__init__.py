"""checker: find where articles about the same event disagree, with evidence.

The public API is imported lazily so that ``checker --help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Report", "Source", "SpendOptions", "acheck", "check", "plan_run", "reconcile_files"]

if TYPE_CHECKING:
    from checker.api import SpendOptions, acheck, check, plan_run, reconcile_files
    from checker.report import Report
    from checker.sources import Source

_LAZY = {
    "check": "checker.api",
    "acheck": "checker.api",
    "reconcile_files": "checker.api",
    "plan_run": "checker.api",
    "SpendOptions": "checker.api",
    "Report": "checker.report",
    "Source": "checker.sources",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
