"""Stage 5, downloads: each edition's logos, posters and banner images (标识、海报下载) and their page."""

from .files import Download, add_downloads, check_downloads

__all__ = ["Download", "add_downloads", "check_downloads"]
