"""Link and anchor checking of a built site.
"""
