"""Raw gazette text → reviewed Markdown notices in the content format. Never runs during a build.

    from site_builder.importer import run_import
    exit_code = run_import(gazette, content_dir, force=False, report=None, echo=print)
"""

from .run import EXIT_CONFLICTS, EXIT_INPUT, EXIT_OK, ImportResult, import_text, run_import

__all__ = ["EXIT_CONFLICTS", "EXIT_INPUT", "EXIT_OK", "ImportResult", "import_text", "run_import"]
