"""The JSON API files (documented in docs/api.md).
"""
