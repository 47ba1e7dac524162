"""Capture of scans in front of the SCOR queue (no Qt): watched folder, import, normalise, inspect."""
