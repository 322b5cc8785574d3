"""One notice → the facts its own text states (Markdown, clauses, citations, responsibilities,
deadlines, topics, search tokens). Pure: bytes in, data out.
"""
