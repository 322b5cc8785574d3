"""View models, Jinja templates, the JSON API and iCalendar: bytes out, no disk.
"""
