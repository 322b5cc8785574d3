"""The edited notice's own page, made at once from the last build's library, while the full build runs.

At 10,000 notices an edit takes seconds to publish (every list that shows the title, the search index); the page
itself takes milliseconds. So the preview renders it from the last good build's analysed library with the one
notice replaced and serves it from memory, with the list pages that show it (home, 全部文件, its year's, 文种's,
发文机关's and topics' pages; the department pages and the rest come with the build). The full build follows and
publishes the site as `build` would (the early pages are only ever served, never written). Only an edit that the
last build's analyses still describe is shown early: a new or deleted notice, a changed 文号 (another page), a
file with an error, or any change that is not a notice waits for the full build.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from site_builder.build import Snapshot
from site_builder.core.config import SiteConfig
from site_builder.core.model import Extract, Fragment, Library, Notice
from site_builder.extract.notice import extract
from site_builder.load import theme
from site_builder.load.scan import read_notice
from site_builder.publish.pages import asset_files, asset_versions
from site_builder.render.jinja import Renderer
from site_builder.render.views import Page
from site_builder.render.views.notice import hydrate, notice_page
from site_builder.render.views.site import pages_listing


@dataclass(frozen=True)
class Early:
    """An edit shown early: its notices' pages, and what makes the lists that show them (quick_lists)."""

    pages: dict[str, bytes]  # site path → bytes of each edited notice's page
    library: Library  # the last build's library with the edited notices replaced
    notices: tuple[Notice, ...]
    config: SiteConfig
    renderer: Renderer


def quick_pages(snapshot: Snapshot, root: Path, changed: set[Path]) -> Early | None:
    """Each changed notice's page, or None when any change needs the full build to show."""
    by_path = {notice.path: notice for notice in snapshot.library.notices.values()}
    made: list[tuple[Extract, Fragment]] = []
    for path in sorted(changed):
        try:
            rel = path.resolve().relative_to(root).as_posix()
        except ValueError:
            return None
        old = by_path.get(rel)
        data = read_notice(root, rel)[0] if old is not None else None
        if data is None:
            return None
        found, fragment, diagnostics = extract(rel, data, snapshot.context)
        if found is None or found.notice.slug != old.slug or any(d.is_error for d in diagnostics):
            return None
        made.append((found, fragment))
    if not made:
        return None
    library = _with(snapshot.library, [found for found, _ in made])
    renderer = Renderer(theme.template_folders(root), asset_versions=asset_versions(asset_files(root)))
    pages = {}
    for found, fragment in made:
        page = notice_page(found.notice, library, snapshot.config)
        context = hydrate(page.context, fragment, found.notice)
        pages[page.path] = renderer.render(Page(page.path, page.template, context, page.deps))
    return Early(pages, library, tuple(found.notice for found, _ in made), snapshot.config, renderer)


def quick_lists(early: Early) -> dict[str, bytes]:
    """The lists that show the edited notices: home, 全部文件, their years', 文种', 发文机关' and topics' pages that
    list them (~1 s at 10,000 notices: made after the pages are shown)."""
    return {page.path: early.renderer.render(page) for notice in early.notices
            for page in pages_listing(early.library, early.config, notice)}


def _with(library: Library, extracts: list[Extract]) -> Library:
    """A shallow copy of library with these notices' own facts replaced; what relates them to others (citations
    resolved, related notices) is the last build's until the full build comes."""
    notices, by_slug = dict(library.notices), dict(library.extracts)
    duties, limits, topics = dict(library.responsibilities), dict(library.deadlines), dict(library.topics)
    for found in extracts:
        slug = found.notice.slug
        notices[slug], by_slug[slug] = found.notice, found
        duties[slug], limits[slug], topics[slug] = found.responsibilities, found.deadlines, found.topics
    return dataclasses.replace(library, notices=notices, extracts=by_slug, responsibilities=duties,
                               deadlines=limits, topics=topics, _memo={})
