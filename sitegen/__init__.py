"""Static site generator for Shanxi's two activity-week web columns (职业教育活动周, 全民终身学习活动周)."""

__version__ = "0.1.0"
