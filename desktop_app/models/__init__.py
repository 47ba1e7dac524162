"""The Qt item models of the sections' lists, over the store's public API (rows read off the GUI thread)."""
