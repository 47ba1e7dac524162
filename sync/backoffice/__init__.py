"""The reference back office: what the demo, the tests and a practice's trial run against.

A FastAPI application built by :func:`sync.backoffice.app.create_app`, served by uvicorn, storing in
SQLite (WAL). It imports only :mod:`sync.protocol` from the client side (DESIGN.md).
"""
