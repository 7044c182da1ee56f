from .. import Extension as Extension
