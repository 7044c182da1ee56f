"""Review before publishing: approve and reject in place, the preview's marks and queue, the WeChat copy."""

from .approval import Decided, approve, reject
from .decide import DecisionError

__all__ = ["Decided", "DecisionError", "approve", "reject"]
