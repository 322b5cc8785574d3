"""The search index: Pagefind runs over the staged site, one shard each, and canonical bundles.
"""
