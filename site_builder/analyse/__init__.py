"""Every notice together → what needs them all: citations resolved, cited-by, 效力, departments, related.

Pure.
"""
