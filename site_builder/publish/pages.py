"""The render step: view models → files in the staging folder, skipping every page whose inputs did not change.

Each page's view model is fingerprinted (with the templates, theme and settings); a page published from the same
fingerprint is hard-linked from the published site instead of rendered. Notice pages are made, fingerprinted and
rendered in forked workers, a slice of notices each; the other pages are made here and rendered by the workers
too. Notice pages and notice JSON read their body from the notice's cached fragment, attachment text pages their
text from the cache; attachment files are copied from content/ with their notice's pages.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from site_builder.render.api import notices as api
from site_builder.core import pool
from site_builder.publish.cache import Cache
from site_builder.core import keys
from site_builder.core.config import SiteConfig
from site_builder.core.diagnostics import BuildError, Diagnostic
from site_builder.load import attachments as attachment_files, theme
from site_builder.load.theme import theme_and_templates_digest
from site_builder.load.files import Unreadable
from site_builder.core.model import Library
from site_builder.render.jinja import Renderer
from site_builder.render.views import BYTES, Keyed, Page
from site_builder.analyse.status import statuses_digest
from site_builder.render.views import attachments as attachment_views
from site_builder.render.views import current as current_views
from site_builder.extract.notice import known_names
from site_builder.render.views.notice import hydrate, inputs_digest, notice_page, search_filters
from site_builder.render.views.search import search_plan
from site_builder.search.index import EarlyIndex
from site_builder.render.views.site import feed_context, producers as site_producers, sitemap_context
from site_builder.publish.stage import Stage

AGGREGATE = "aggregate"  # the pages and files made from every notice (lists, departments, API, feed, sitemap)
DATED = "dated"  # the pages that print the as-of date: the 现行有效 library and api/current.json


@dataclass(frozen=True)
class Rendered:
    paths: tuple[str, ...]  # the pages rendered by this build (the others were carried over)
    search_plan: dict[str, list[str]]  # shard → the notice pages it indexes
    search_keys: dict[str, str]  # notice page → digest of what Pagefind reads from it


def asset_files(root: Path) -> dict[str, bytes]:
    """The theme files published under assets/: the site's over the built-in ones (load/theme.py)."""
    return {f"assets/{name}": data for name, data in theme.assets(root).items()}


def asset_versions(assets: dict[str, bytes]) -> dict[str, str]:
    return {path.removeprefix("assets/"): hashlib.sha256(data).hexdigest()[:10] for path, data in assets.items()}


# Set before the workers fork: they find the library, the renderer and the stage here.
_RENDER: dict = {}


def render_site(stage: Stage, library: Library, config: SiteConfig, root: Path, store: Cache,
                jobs: int | None, progress=None, library_key: str = "",
                changed: frozenset[str] | None = None, early: EarlyIndex | None = None) -> Rendered:
    """Render what changed into the stage.

    library_key: digest of every notice's public facts (build.py); changed: slugs of the notices whose file was
    read again (None: unknown). With the same facts, templates and settings as the published site, a notice
    whose file did not change shows exactly what it showed, so its page and JSON are carried over unlooked-at.
    early: the search indexer, told the plan first and then each page as it is staged (it indexes a shard
    while the rest renders).
    """
    assets = asset_files(root)
    renderer = Renderer(theme.template_folders(root), asset_versions=asset_versions(assets))
    salt = keys.render_salt(theme_and_templates_digest(root), repr(config))
    plan, digests = search_plan(library), search_keys(library, salt)
    if early is not None:
        early.start(plan, digests)
    # Every page but the notices' own shows only public facts of notices, their 效力 and the 解读: with the same,
    # all are kept. The pages that print the as-of date form a group of their own, keyed by the date as well.
    aggregate_key = keys.aggregate_key(salt, library_key, statuses_digest(library) + interpretations_digest(library))
    dated_key = keys.dated_key(aggregate_key, library.as_of.isoformat())
    keep_aggregate = bool(aggregate_key) and stage.keep_group(AGGREGATE, aggregate_key)
    keep_dated = bool(dated_key) and stage.keep_group(DATED, dated_key)
    makers = [] if keep_aggregate else site_producers(library, config) + api.producers(library, config)
    if keep_aggregate:
        stage.carry_group_records(f"{AGGREGATE}/")
    makers, keyed, carried = _keyed(stage, makers, salt)
    dated_makers = [] if keep_dated else current_views.producers(library, config) + api.dated_producers(library)
    first_dated = len(makers)
    makers += dated_makers
    slugs = [notice.slug for notice in library.sorted_notices()]
    tasks = [("notice", slug) for slug in slugs] + \
        [("page" if index < first_dated else "dated", index) for index in range(len(makers))]
    # Carried over unlooked-at only if nothing a notice page shows beyond its own file changed: the facts, 效力 and
    # 解读 (the aggregate key), and the date where pages print it.
    same = keep_aggregate and changed is not None and (config.daily or keep_dated)
    _RENDER.update(library=library, config=config, renderer=renderer, store=store, stage=stage, salt=salt,
                   makers=makers, unchanged=frozenset(slugs) - changed if same else frozenset(),
                   dated="" if config.daily else library.as_of.isoformat(), content=root / config.content)
    batches = schedule(tasks[:len(slugs)], tasks[len(slugs):])
    rendered, made, made_dated = [], [], []
    sitemap = [(path, lastmod) for path, lastmod in carried if path.endswith(".html")]
    by_group: dict[int, dict[str, str]] = {index: {} for index in keyed}
    tick = None if progress is None else (lambda done: progress("render", done, len(tasks)))

    def take(batch: list) -> None:
        for entry, fingerprint, was_rendered, lastmod, kind, maker in batch:
            stage.record(entry, fingerprint)
            if was_rendered:
                rendered.append(entry[0])
            if kind == "page":
                made.append(entry[0])
                if maker in by_group:
                    by_group[maker][entry[0]] = lastmod
            elif kind == "dated":
                made_dated.append(entry[0])
            if entry[0].endswith(".html") and entry[0] != "404.html":
                sitemap.append((entry[0], lastmod))
        if early is not None:
            early.staged(entry[0] for entry, *_ in batch)

    pool.run(_render_batch, batches, jobs, True, tick, each=take)
    for index, (group, key) in keyed.items():
        stage.record_group(group, key, list(by_group[index]), by_group[index])
    made += [path for path, _ in carried]
    if not keep_aggregate:
        ready = {}
        ready["feed.xml"] = renderer.render(Page("feed.xml", "feed.xml", feed_context(library, config)))
        ready["sitemap.xml"] = renderer.render(Page("sitemap.xml", "sitemap.xml", sitemap_context(sitemap, config)))
        ready["robots.txt"] = renderer.render(Page("robots.txt", "robots.txt",
                                                   {"sitemap": config.absolute("sitemap.xml")}))
        for path in sorted(ready):
            stage.record(stage.put(path, ready[path]))
        if aggregate_key:
            stage.record_group(AGGREGATE, aggregate_key, made + list(ready))
    if not keep_dated and dated_key:
        stage.record_group(DATED, dated_key, made_dated)
    for path in sorted(assets):
        stage.record(stage.put(path, assets[path]))
    _RENDER.clear()  # the preview server builds again and again in one process: hold nothing between builds
    return Rendered(tuple(sorted(rendered)), plan, digests)


def schedule(notices: list, makers: list) -> list[list]:
    """The render step's batches, in the order the workers take them: the notices in runs, newest first (their
    search shard is staged first), and each other producer as a batch of its own, spread over the first half of
    the runs. One producer can cost seconds (api/notices.json, a big department): cut by count, all of them
    fell into the last batch, and one worker made them alone while the other waited (19 s of a title edit's
    27 s of render at 10,000 notices)."""
    runs = [notices[r.start:r.stop] for r in pool.slices(len(notices), pool.batch_count(len(notices)))]
    if not runs:
        return [[maker] for maker in makers]
    per = -(-len(makers) // max(1, len(runs) // 2))
    out: list[list] = []
    for index, run in enumerate(runs):
        out += [[maker] for maker in makers[index * per:(index + 1) * per]]
        out.append(run)
    return out


def search_keys(library: Library, salt: str) -> dict[str, str]:
    """What the search index holds of each notice and 解读 page: its own text and facts, not where its links point.

    A notice's page changes when a notice it cites arrives (a link is made), or when its 效力 does (the banner is
    not indexed), but the words, metadata and filters Pagefind indexes do not: keyed by this, its search shard is
    not indexed again. A 解读 page's index holds its file and the 文号 and issuer of what it interprets.
    """
    found = {}
    for slug, notice in library.notices.items():
        extract = library.extracts[slug]
        found[notice.url] = keys.search_key(salt, extract.fragment, extract.public)
        for path, _, attachment in attachment_views.text_pages(notice):
            # The notice's fragment key covers departments.toml, whose names the text page's tokens hold.
            found[path] = keys.search_key(salt, f"{attachment.text}|{extract.fragment}", extract.public)
    for item in library.interpretations.values():
        policies = [(n, library.notices[library.slug_for(n)].issuer) for n in item.interprets if library.slug_for(n)]
        found[item.url] = keys.search_key(salt, item.digest, repr(policies))
    return found


def interpretations_digest(library: Library) -> str:
    """Every 解读 as read (file and images): the pages other than its own that show one (lists, feed, API)."""
    return keys.facts_digest(f"{slug}:{item.digest}:{item.images}" for slug, item in
                             sorted(library.interpretations.items()))


def _keyed(stage: Stage, makers: list, salt: str) -> tuple[list, dict[int, tuple[str, str]], list[tuple[str, str]]]:
    """The makers to run, those of them that are Keyed (index → (group, key)), and (path, lastmod) of every page
    carried over from the published site because its Keyed producer's key did not change."""
    run, keyed, carried = [], {}, []
    for maker in makers:
        if isinstance(maker, Keyed):
            group, key = f"{AGGREGATE}/{maker.group}", keys.facts_digest([salt, maker.key])
            if stage.keep_group(group, key):
                carried.extend(sorted(stage.group_lastmods(group).items()))
                continue
            keyed[len(run)] = (group, key)
        run.append(maker)
    return run, keyed, carried


def _render_batch(tasks: list[tuple[str, object]]) -> list:
    library, config, stage, salt = _RENDER["library"], _RENDER["config"], _RENDER["stage"], _RENDER["salt"]
    out = []
    for kind, key in tasks:
        if kind == "notice":
            carried = _carry_notice(library.notices[key], stage) if key in _RENDER["unchanged"] else None
            out.extend((*item, None) for item in carried or _render_notice(library.notices[key], library, config,
                                                                           stage, salt))
            continue
        for page in _RENDER["makers"][key]():
            out.append((*_render_one(page, stage), page.lastmod, kind, key))
    return out


def _carry_notice(notice, stage: Stage) -> list | None:
    """Carry a notice's pages, JSON and attachment files over with their recorded fingerprints, or None if one is
    missing."""
    lastmod = notice.publish_date.isoformat()
    out = []
    for path in _notice_outputs(notice):
        fingerprint = stage.previous_pages.get(path)
        entry = stage.keep(path) if fingerprint else None
        if entry is None:
            return None  # the stage may hold a link already: put() and keep() replace it
        out.append((entry, fingerprint, False, lastmod, "notice"))
    return out


def _notice_outputs(notice) -> list[str]:
    """Every file a notice makes: its page, its JSON, its attachments' text pages and files."""
    return [notice.url, f"api/notices/{notice.slug}.json",
            *(path for path, _, _ in attachment_views.text_pages(notice)),
            *(attachment_views.file_url(notice, n, a) for n, a in attachment_views.published(notice))]


def _render_notice(notice, library: Library, config: SiteConfig, stage: Stage, salt: str) -> list:
    """A notice's page, JSON and attachments: skipped without a view model when nothing they show has changed."""
    undated = inputs_digest(notice, library)
    inputs = keys.facts_digest([undated, _RENDER["dated"]]) if _RENDER["dated"] else undated
    lastmod = notice.publish_date.isoformat()
    out = []
    texts = [(path, lambda n=n, a=a: attachment_views.text_page(notice, n, a, search_filters(notice, library), config),
              undated) for path, n, a in attachment_views.text_pages(notice)]
    # The page prints the as-of date (unless the site is rebuilt daily); its JSON and text pages never do.
    for path, make, key in ((notice.url, lambda: notice_page(notice, library, config), inputs),
                            (f"api/notices/{notice.slug}.json", lambda: api.notice_pages(library, config, notice)[0],
                             undated),
                            *texts):
        fingerprint = keys.page_key(salt, path, key)
        if stage.unchanged(path, fingerprint):
            entry = stage.keep(path)
            if entry is not None:
                out.append((entry, fingerprint, False, lastmod, "notice"))
                continue
        page = make()
        out.append((stage.put(page.path, _bytes(page)), fingerprint, True, lastmod, "notice"))
    for number, attachment in attachment_views.published(notice):
        out.append((*_put_file(attachment_views.file_url(notice, number, attachment), attachment, config, stage),
                    lastmod, "notice"))
    return out


def _put_file(path: str, attachment, config: SiteConfig, stage: Stage) -> tuple:
    """An attachment file, copied from content/ unless the published one has the same bytes."""
    if stage.unchanged(path, attachment.digest):
        entry = stage.keep(path)
        if entry is not None:
            return entry, attachment.digest, False
    try:
        data = attachment_files.read(_RENDER["content"], attachment.file, config.attachment_limit)
    except Unreadable as exc:
        data, reason = b"", exc.reason
    else:
        reason = "" if keys.file_digest(data) == attachment.digest else "it changed while the site was built"
    if reason:
        raise BuildError([Diagnostic(f"{config.content}/{attachment.file}", 1, "E413",
                                     f"attachment file cannot be published: {reason}", "build again")])
    return stage.put(path, data), attachment.digest, True


def _render_one(page: Page, stage: Stage):
    if page.template in (BYTES, api.JSON):  # its bytes are made as cheaply as a digest of its view: its own key
        data = _bytes(page)
        fingerprint = keys.file_digest(data)
        if stage.unchanged(page.path, fingerprint) and (entry := stage.keep(page.path)) is not None:
            return entry, fingerprint, False
        return stage.put(page.path, data), fingerprint, True
    fingerprint = _fingerprint(page)
    if stage.unchanged(page.path, fingerprint):
        entry = stage.keep(page.path)
        if entry is not None:
            return entry, fingerprint, False
    return stage.put(page.path, _bytes(page)), fingerprint, True


def _bytes(page: Page) -> bytes:
    context = page.context
    if "text_key" in context:
        library = _RENDER["library"]
        names = library.memo("known_names", lambda: known_names(library.departments.values()))
        context = attachment_views.hydrate(context, _RENDER["store"].get_text(context["text_key"]), names)
    elif "fragment" in context:
        fragment = _RENDER["store"].get_fragment(context["fragment"])
        if page.template == api.JSON:
            context = api.hydrate(context, fragment)
        else:
            context = hydrate(context, fragment, _RENDER["library"].notices[page.deps[0]])
    if page.template == BYTES:
        return context["data"]
    if page.template == api.JSON:
        return api.dump_json(context["value"])
    return _RENDER["renderer"].render(Page(page.path, page.template, context, page.deps))


def _fingerprint(page: Page) -> str:
    """What a templated page is made from: its view model, template and path (with the templates in the salt)."""
    text = json.dumps(page.context, ensure_ascii=False, separators=(",", ":"), default=str)
    return keys.view_key(_RENDER["salt"], page.template, page.path, text)
