"""Accessibility (WCAG 2.2 AA) of the explore and kiosk pages, in a real headless Chromium:
axe-core (``node_modules/axe-core``, pinned in package.json, installed by ``npm ci``), the
page language, and an accessible name for every form control (from Chromium's own
accessibility tree).

Each page is opened and audited once (module cache); the tests read the results:

- ``test_axe_serious_or_critical`` fails listing every serious or critical violation;
- ``test_controls_have_accessible_names`` fails listing every unnamed control.

``KNOWN`` lists accepted problems in third-party components (none today: the language,
port and layer controls are links and toggle buttons, the region box a native input).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard import ids
from dashboard.i18n import t
from tests.browser.browserkit import QUIET, guarded_page

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# page id -> (query, language). The kiosk's tour is frozen (dwell=600) on its first stop, so
# the page does not change under axe; "kiosk-dialog" is the kiosk with "Still there?" shown.
PAGES = {
    "explore": ("/", "en"),
    "explore-ja-1960": ("/?from=1960&to=1960&lang=ja", "ja"),
    "kiosk": ("/?mode=kiosk&idle=600&dwell=600", "en"),
    "kiosk-dialog": ("/?mode=kiosk&idle=600&dwell=600", "en"),
    "explore-why-ko": ("/?lang=ko", "ko"),   # the "Why" tab opened (its groups, items, chart)
}

# Problems in code these tests do not own, each (axe rule or "unnamed <role>", a pattern the
# element's HTML or selector matches, what to do). See the module docstring.
KNOWN: list[tuple[str, str, str]] = []  # none: the controls are native, labelled HTML


@dataclass
class Audit:
    lang: tuple[str, str]                   # <html lang>, <main lang>
    violations: list[dict]                  # serious or critical axe violations, one per node
    unnamed: list[dict]                     # form controls without an accessible name
    problems: list[str] = field(default_factory=list)  # console errors, page errors, outside requests


def _axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing ({AXE}): run `npm ci` in the project root "
                    "(package.json pins axe-core)", pytrace=False)
    return AXE.read_text(encoding="utf-8")


CONTROL_ROLES = {"button", "checkbox", "combobox", "listbox", "menuitem", "option", "radio",
                 "searchbox", "slider", "spinbutton", "switch", "tab", "textbox", "link"}


def _unnamed_controls(context, page) -> list[dict]:
    """Controls in Chromium's accessibility tree whose computed name is empty."""
    cdp = context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
        unnamed = []
        for node in nodes:
            role = (node.get("role") or {}).get("value")
            if node.get("ignored") or role not in CONTROL_ROLES:
                continue
            if str((node.get("name") or {}).get("value") or "").strip():
                continue
            described = {}
            if node.get("backendDOMNodeId"):
                dom = cdp.send("DOM.describeNode", {"backendNodeId": node["backendDOMNodeId"]})["node"]
                attrs = dom.get("attributes") or []
                described = dict(zip(attrs[::2], attrs[1::2]))
                described["tag"] = dom.get("localName", "")
            unnamed.append({"role": role, "id": described.get("id", ""),
                            "html": f"<{described.get('tag', '?')} id={described.get('id', '')!r} "
                                    f"class={described.get('class', '')!r}>"})
        return unnamed
    finally:
        cdp.detach()


def _audit(browser, base_url: str, name: str) -> Audit:
    query, _lang = PAGES[name]
    source = _axe_source()
    problems: list[str] = []
    # the page's CSP forbids inline scripts: bypass it to inject axe
    page = guarded_page(browser, base_url, problems, viewport={"width": 1400, "height": 1000})
    context = page.context
    context.set_default_timeout(10_000)
    try:
        response = page.goto(query)
        assert response is not None and response.status == 200
        expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(re.compile(r"\d"))
        page.locator(f"#{ids.MAP} path.choroplethlocation").first.wait_for()
        if not name.startswith("kiosk"):  # a kiosk shows no tabs: its panel is never built
            # the open tab is built once its panel is on screen: scroll to it, as a reader does
            page.locator(f"#{ids.TABPANEL}").scroll_into_view_if_needed()
            expect(page.locator(f"#{ids.TABLE} table")).to_be_attached()
        if name.startswith("kiosk"):
            expect(page.locator(f"#{ids.TOUR}")).to_have_class(re.compile(r"\bactive\b"))
        if "-why" in name:
            page.get_by_role("tab", name=t(_lang, "tab_why")).click()
            expect(page.locator(".why-group").first).to_be_visible()
        if name == "kiosk-dialog":
            page.evaluate("""() => { const o = document.getElementById('kiosk'); o.hidden = false;
                const c = document.getElementById('kiosk-countdown');
                c.textContent = c.dataset.template.replace('{seconds}', '15'); }""")
            expect(page.locator(f"#{ids.KIOSK}")).to_be_visible()
        page.wait_for_function(QUIET, polling=100)
        page.add_script_tag(content=source)
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
        violations = [
            {"id": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [" ".join(map(str, n["target"])) for n in v["nodes"]],
             "html": [n.get("html", "") for n in v["nodes"]]}
            for v in result["violations"] if v.get("impact") in ("serious", "critical")
        ]
        lang = (page.locator("html").get_attribute("lang") or "",
                page.locator("main").get_attribute("lang") or "")
        return Audit(lang, violations, _unnamed_controls(context, page), problems)
    finally:
        context.close()


@pytest.fixture(scope="module")
def audit(browser, live_server):
    cache: dict[str, Audit] = {}

    def get(name: str) -> Audit:
        if name not in cache:
            cache[name] = _audit(browser, live_server.url, name)
        return cache[name]

    return get


def _is_known(rule: str, target: str, html: str) -> bool:
    return any(rule == known and (re.search(pattern, target) or re.search(pattern, html))
               for known, pattern, _why in KNOWN)


def _describe(violations: list[dict], skip_known: bool) -> list[str]:
    lines = []
    for v in violations:
        nodes = [t for t, h in zip(v["targets"], v["html"]) if not (skip_known and _is_known(v["id"], t, h))]
        if nodes:
            lines.append(f"{v['impact']} {v['id']}: {v['help']} ({len(nodes)} element(s)): {nodes[:3]}")
    return lines


def _unnamed(audit_: Audit, skip_known: bool) -> list[str]:
    return [f"{u['role']} {u['html']}" for u in audit_.unnamed
            if not (skip_known and _is_known(f"unnamed {u['role']}", f"#{u['id']}", u["html"]))]


@pytest.mark.parametrize("name", PAGES)
def test_page_language(audit, name):
    html_lang, main_lang = audit(name).lang
    expected = PAGES[name][1]
    assert html_lang == expected, f"<html lang={html_lang!r}>, expected {expected!r}"
    assert main_lang == expected, f"<main lang={main_lang!r}>, expected {expected!r}"
    assert audit(name).problems == [], audit(name).problems


@pytest.mark.parametrize("name", PAGES)
def test_axe_serious_or_critical(audit, name):
    found = _describe(audit(name).violations, skip_known=False)
    assert not found, (f"axe-core: serious or critical WCAG 2.2 AA violations on {name}:\n  "
                       + "\n  ".join(found))


@pytest.mark.parametrize("name", PAGES)
def test_axe_serious_or_critical_nothing_new(audit, name):
    """Every serious or critical violation apart from the known ones listed in ``KNOWN``."""
    found = _describe(audit(name).violations, skip_known=True)
    assert not found, (f"axe-core: serious or critical WCAG 2.2 AA violations on {name}:\n  "
                       + "\n  ".join(found))


@pytest.mark.parametrize("name", PAGES)
def test_controls_have_accessible_names(audit, name):
    found = _unnamed(audit(name), skip_known=False)
    assert not found, f"form controls without an accessible name on {name}:\n  " + "\n  ".join(found)


@pytest.mark.parametrize("name", PAGES)
def test_controls_have_accessible_names_nothing_new(audit, name):
    found = _unnamed(audit(name), skip_known=True)
    assert not found, f"form controls without an accessible name on {name}:\n  " + "\n  ".join(found)
