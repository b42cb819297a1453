"""The local Grassroots stack: MongoDB, RabbitMQ, the three subgraphs and the gateway.

`scripts/stack.py` is the entry point; these modules hold its parts, one concern each.
Only `mongo`, `health` and `proxy` need third-party packages (pymongo, httpx, starlette,
uvicorn) and import them inside functions, so `stack.py down` also runs on a bare python3.
"""
