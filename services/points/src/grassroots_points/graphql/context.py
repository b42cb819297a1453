from __future__ import annotations

from dataclasses import dataclass

from grassroots_kit.host import ServiceHost
from starlette.requests import Request


@dataclass
class Context:
    host: ServiceHost
    request: Request
