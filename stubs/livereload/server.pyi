from tornado import httputil, web

class LiveScriptInjector(web.OutputTransform):
    script: bytes
    def __init__(self, request: httputil.HTTPServerRequest) -> None: ...
