"""content/ files → notices and reference data: the only part of the build that reads the content folder.
"""
