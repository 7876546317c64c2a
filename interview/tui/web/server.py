"""textual-serve's server with this app's own page and quieter output.

The stock page pulls its font from Google Fonts; ours uses the font files
textual-serve already serves, so a laptop on a plane can run it. The page
builds its websocket address from the request when no public URL is given,
so the same server answers on 127.0.0.1, a LAN name or behind a proxy.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

PAGE_DIRECTORY = Path(__file__).parent
DEFAULT_FONT_SIZE = 16


class BrowserServer(Server):
    """Serves `command` (the app, with the caller's options) to each page that connects."""

    def __init__(self, command: str, *, host: str, port: int, public_url: str | None,
                 title: str, on_ready: Callable[[], None]) -> None:
        super().__init__(command, host=host, port=port, title=title, public_url=public_url,
                         templates_path=PAGE_DIRECTORY)
        self.given_public_url = public_url.rstrip("/") if public_url else None
        self.on_ready = on_ready

    def initialize_logging(self) -> None:
        # Only trouble is worth a line; textual-serve logs every connection at INFO.
        logging.basicConfig(level=logging.WARNING, format="interview serve: %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: textual-serve prints a banner here, before it has even bound."""

    def serve(self, debug: bool = False) -> None:
        """As textual-serve's, but the socket is bound before `on_ready` says
        where to connect, so a port in use fails before anything claims to serve."""
        self.debug = debug
        self.initialize_logging()
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        listening = socket.create_server((self.host, self.port), family=family)
        self.on_ready()
        loop = asyncio.new_event_loop()
        loop.add_signal_handler(signal.SIGINT, self.request_exit)
        loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(self._make_app(), sock=listening, handle_signals=False, loop=loop,
                    print=None)

    @aiohttp_jinja2.template("page.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        base = self.given_public_url or f"{request.scheme}://{request.host}"
        websocket_base = "wss" + base[5:] if base.startswith("https") else "ws" + base[4:]
        try:
            font_size = int(request.query.get("fontsize", DEFAULT_FONT_SIZE))
        except ValueError:
            font_size = DEFAULT_FONT_SIZE
        return {
            "title": self.title,
            "static_url": f"{base}/static/",
            "websocket_url": f"{websocket_base}/ws",
            "font_size": font_size,
        }
