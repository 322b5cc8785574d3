"""The analyse phase: every notice's Extract in, what needs them all out (citations resolved, cited-by, 效力,
departments, topics, related notices). Pure: no cache and no files; the build hands it what it may reuse."""

from __future__ import annotations

from datetime import date

from site_builder.analyse import interpretations, related, status, xref
from site_builder.analyse.departments import analyse_departments
from site_builder.core.diagnostics import Diagnostic
from site_builder.core.model import Fragment, Interpretation, Library, Ranking, TopicScheme, XrefIndex
from site_builder.extract.department_names import Directory
from site_builder.extract.notice import Context, extract


def analyse(library: Library, known: XrefIndex | None = None, ranked: Ranking | None = None) -> list[Diagnostic]:
    """Derive what needs every notice, into the library.

    known: the citation index of a build whose notices had the same public facts (only bodies changed since): it
    still holds, and is taken as it is, and so is that build's ranking of related notices. ranked: the last build's
    ranking, whatever changed since: only the notices an edit can move are ranked again.
    """
    diagnostics = []
    diagnostics.extend(analyse_departments(library))
    for slug in sorted(library.notices):  # 主题分类 as each notice's extract found them (front matter, else rules)
        library.topics[slug] = library.extracts[slug].topics
    library.xref = known if known is not None else xref.analyse(library)
    status.settle(library)  # every build: 效力 depends on the build's date, which the cached index does not know
    diagnostics.extend(xref.check(library))
    diagnostics.extend(interpretations.analyse(library))
    # last: related notices weigh what the analyses above found
    library.ranking = ranked if known is not None and ranked is not None else related.ranking(library, ranked)
    return diagnostics


def assemble(files: list[tuple[str, bytes]], departments: dict | None = None,
             scheme: TopicScheme | None = None, as_of: date | None = None,
             interpretations: list[Interpretation] = ()) -> tuple[Library, list[Diagnostic]]:
    """Extract and analyse notices given as (path, bytes), as a build does, without cache or filesystem.

    For tests and tools; a notice with an error is left out and its diagnostics returned. 效力 is as of `as_of`
    (today when None), as a build's.
    """
    library = Library(departments=departments or {}, topic_scheme=scheme or TopicScheme(),
                      as_of=as_of or date.today(), interpretations={i.slug: i for i in interpretations})
    context = Context(Directory(library.departments), library.topic_scheme, "")
    diagnostics: list[Diagnostic] = []
    for path, data in files:
        found, _, problems = extract(path, data, context)
        diagnostics.extend(problems)
        if found is not None:
            library.add_extract(found)
    diagnostics.extend(analyse(library))
    return library, diagnostics


def fragment_of(path: str, data: bytes, library: Library) -> Fragment:
    """The fragment of a notice, made again (assemble keeps none)."""
    return extract(path, data, Context(Directory(library.departments), library.topic_scheme, ""))[1]
