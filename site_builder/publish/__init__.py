"""The render step into a staging folder, the atomic swap, and the build cache: what the build writes.
"""
