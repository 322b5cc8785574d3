"""The preview server: build, serve the output folder, rebuild when a source changes, reload the open pages.

preview.py runs it (Preview, serve); server.py answers HTTP; watcher.py sees changes; livereload.py tells pages.
"""
