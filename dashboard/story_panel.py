"""The story builder (explore mode): add the current view with a note, give a title, reorder
and remove stops, preview, copy the link, save and open a file. The draft lives in the
browser (a session store); these functions build the panel and its list from it.
"""

from __future__ import annotations

from dash import dcc, html

from . import ids, stories
from .i18n import t
from .summary import filter_label, years_label
from .state import StateContext


def builder(lang: str) -> html.Details:
    """The builder, closed: its summary, and its body once it is first opened (``body``, by
    ``callbacks.show_builder``): a closed builder is on no first screen, so the page's first
    render leaves out its 20 components. The draft's store is here from the start (it lives
    in the browser's session)."""
    return html.Details([
        html.Summary(t(lang, "story_builder")),
        html.Div(id=ids.STORY_BODY, className="story-builder-body"),
        dcc.Store(id=ids.STORY_WANTED, data=False),
        dcc.Store(id=ids.STORY_DRAFT, storage_type="session"),
    ], className="story-builder explore-only", **{"data-open-store": ids.STORY_WANTED})


def body(lang: str, parts: tuple, title: str) -> list:
    """The builder's body for the draft: its title, and ``parts`` (``draft_parts``: the list,
    the count, the link, the preview and the file), which then follow the draft."""
    items, count, link, preview, download = parts
    return [
        html.Label(t(lang, "story_title_label"), htmlFor=ids.STORY_TITLE, className="control-label"),
        dcc.Input(id=ids.STORY_TITLE, type="text", maxLength=stories.MAX_TITLE, debounce=True, value=title),
        html.Label(t(lang, "story_note_label"), htmlFor=ids.STORY_NOTE, className="control-label"),
        dcc.Textarea(id=ids.STORY_NOTE, maxLength=stories.MAX_NOTE, value="", rows=3, className="story-note-input"),
        html.Button(t(lang, "story_add"), id=ids.STORY_ADD, n_clicks=0, className="button story-add"),
        html.P(count, id=ids.STORY_COUNT, className="story-count", role="status", **{"aria-live": "polite"}),
        html.Ol(items, id=ids.STORY_STOPS, className="story-stops"),
        html.Label(t(lang, "story_link_label"), htmlFor=ids.STORY_LINK, className="control-label"),
        html.Div([
            dcc.Input(id=ids.STORY_LINK, type="text", readOnly=True, value=link, className="story-link"),
            dcc.Clipboard(target_id=ids.STORY_LINK, title=t(lang, "story_copy"), className="button copy story-copy"),
        ], className="story-link-row"),
        html.Div([
            html.A(t(lang, "story_preview"), id=ids.STORY_PREVIEW, href=preview, className="button", target="_blank",
                   rel="noopener"),
            html.A(t(lang, "story_download"), id=ids.STORY_DOWNLOAD, href=download, className="button",
                   download="story.yaml"),
            dcc.Upload(html.Button(t(lang, "story_upload"), className="button", tabIndex="-1"),
                       id=ids.STORY_UPLOAD, accept=".yaml,.yml,text/yaml", max_size=4 * stories.MAX_LINK,
                       className="story-upload"),
        ], className="story-actions"),
        html.P(id=ids.STORY_NOTICE, className="story-notice", role="status", **{"aria-live": "polite"}),
    ]


def draft_parts(dataset, draft, context: StateContext, lang: str, base: str) -> tuple:
    """The list of stops (each with its buttons), the count, the link, the preview and the
    file's address, for the draft."""
    story, _ = stories.read(draft, context) if isinstance(draft, dict) else (stories.EMPTY, [])
    count = len(story.stops)
    items = []
    for i, stop in enumerate(story.stops):
        state = stories.stop_state(stop, context, lang, "explore")
        name = t(lang, "story_stop_label", n=i + 1)
        buttons = [html.Button(symbol, id=ids.story_edit(i, op), n_clicks=0, className="button small",
                               title=t(lang, f"story_{op}"), disabled=disabled,
                               **{"aria-label": f"{t(lang, f'story_{op}')}: {name}"})
                   for op, symbol, disabled in (("up", "↑", i == 0), ("down", "↓", i == count - 1),
                                                ("remove", "×", False))]
        where = filter_label(dataset, state, lang)
        label = f"{name}: {years_label(state, lang)}" + (f", {where}" if where else "")
        items.append(html.Li([html.Span(label, className="story-stop-view"),
                              html.Span(stop.note, className="story-stop-note"),
                              html.Span(buttons, className="story-stop-buttons")]))
    if not count:
        return ([], t(lang, "story_no_stops"), "", None, None)
    query = stories.link(story, lang=lang if lang != context.default.lang else "")
    return (items, t(lang, "story_count", n=count, max=stories.MAX_STOPS), base + query, "/" + query,
            "/story.yaml" + stories.link(story))
