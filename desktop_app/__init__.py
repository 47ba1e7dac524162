"""The Qt application: the only package that imports Qt (DESIGN.md)."""
