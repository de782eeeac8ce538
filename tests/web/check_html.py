#!/usr/bin/python3
"""Checks that a page nhacviec renders is well-formed HTML5, with Python's html.parser.

usage: check_html.py FILE.html...

Stricter than HTML5 requires, as nhacviec writes its pages: every element but
the void ones (br, meta, link, …) is closed explicitly and in order;
self-closing tags only for void elements and inside <svg>. Also checked: the
page starts with <!DOCTYPE html>, has one <html lang="…">, <head> with
<meta charset="utf-8"> first and a <title>, one <body>; ids are unique; every
'&' starts a character reference; no <script>; no URL to another host (no
external assets); no '<' inside a start tag (an attribute value left unescaped).

Prints one line per error ("FILE:LINE:COL: what") on stdout; exit status 0
when there is none, 1 otherwise.
"""

import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BARE_AMPERSAND = re.compile(r"&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#[xX][0-9A-Fa-f]+;)")
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)


class Checker(HTMLParser):
    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.errors = []
        self.stack = []  # (tag, line, col)
        self.ids = {}
        self.seen = {}
        self.doctype = None
        self.first_in_head = None

    def error_at(self, message):
        line, col = self.getpos()
        self.errors.append(f"{self.path}:{line}:{col + 1}: {message}")

    def in_svg(self):
        return any(tag == "svg" for tag, _, _ in self.stack)

    def handle_decl(self, decl):
        if self.seen or self.doctype is not None:
            self.error_at(f"<!{decl}> after the start")
        self.doctype = decl

    def attributes(self, tag, attrs):
        raw = self.get_starttag_text() or ""
        if "<" in raw[1:]:
            self.error_at(f"<{tag}>: '<' in the start tag (an attribute value not escaped?)")
        for name, value in attrs:
            if name == "id":
                if value in self.ids:
                    self.error_at(f"duplicate id {value!r} (first on line {self.ids[value]})")
                self.ids[value] = self.getpos()[0]
            if name in ("src", "href", "action", "srcset", "poster", "data") and value and EXTERNAL.match(value):
                self.error_at(f"<{tag} {name}={value!r}>: an external asset")

    def start(self, tag, attrs):
        if self.doctype is None and not self.seen:
            self.error_at("no <!DOCTYPE html> before the first element")
        self.seen[tag] = self.seen.get(tag, 0) + 1
        if tag == "script":
            self.error_at("a <script> element")
        if tag in ("html", "head", "body", "title") and self.seen[tag] > 1 and not self.in_svg():
            self.error_at(f"more than one <{tag}>")
        if tag == "html" and not dict(attrs).get("lang"):
            self.error_at("<html> without lang")
        parent = self.stack[-1][0] if self.stack else None
        if parent == "head" and self.first_in_head is None:
            self.first_in_head = (tag, dict(attrs))
        self.attributes(tag, attrs)

    def handle_starttag(self, tag, attrs):
        self.start(tag, attrs)
        if tag not in VOID:
            line, col = self.getpos()
            self.stack.append((tag, line, col))

    def handle_startendtag(self, tag, attrs):
        self.start(tag, attrs)
        if tag not in VOID and not self.in_svg():
            self.error_at(f"<{tag}/>: self-closing syntax on an HTML element that is not void")

    def handle_endtag(self, tag):
        if tag in VOID:
            self.error_at(f"</{tag}>: a void element has no end tag")
            return
        if not self.stack:
            self.error_at(f"</{tag}> closes nothing")
            return
        open_tag, line, col = self.stack[-1]
        if open_tag != tag:
            self.error_at(f"</{tag}> closes <{open_tag}> opened at {line}:{col + 1}")
            if any(t == tag for t, _, _ in self.stack):
                while self.stack and self.stack[-1][0] != tag:
                    self.stack.pop()
                self.stack.pop()
            return
        self.stack.pop()

    def finish(self):
        self.close()
        for tag, line, col in self.stack:
            self.errors.append(f"{self.path}:{line}:{col + 1}: <{tag}> is never closed")
        if (self.doctype or "").lower() != "doctype html":
            self.errors.append(f"{self.path}: the doctype is {self.doctype!r}, not 'DOCTYPE html'")
        for tag in ("html", "head", "body", "title"):
            if not self.seen.get(tag):
                self.errors.append(f"{self.path}: no <{tag}>")
        first = self.first_in_head
        if not first or first[0] != "meta" or (first[1].get("charset") or "").lower() != "utf-8":
            self.errors.append(f'{self.path}: <meta charset="utf-8"> is not the first element of <head>')


def check(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"{path}: not UTF-8 at byte {e.start}"]
    checker = Checker(path)
    for number, line in enumerate(text.split("\n"), 1):
        for m in BARE_AMPERSAND.finditer(line):
            checker.errors.append(f"{path}:{number}:{m.start() + 1}: '&' that starts no character reference")
    checker.feed(text)
    checker.finish()
    return checker.errors


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    errors = [e for path in argv[1:] for e in check(path)]
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
