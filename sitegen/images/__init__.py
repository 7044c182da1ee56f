"""Stage 5, images: responsive, metadata-free derivatives of every published photo."""

from .imageproc import ImageError
from .publish import Picture, PublishedImages, Variant, picture_html, publish_images
from .recipe import Recipe, Size, draft_request, target_sizes, upright

__all__ = [
    "ImageError",
    "Picture",
    "PublishedImages",
    "Recipe",
    "Size",
    "Variant",
    "draft_request",
    "picture_html",
    "publish_images",
    "target_sizes",
    "upright",
]
