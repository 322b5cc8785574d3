"""Plain data and vocabularies shared by every phase: the model, diagnostics, settings, 文号, slugs, keys.

Imports nothing else of the package.
"""
