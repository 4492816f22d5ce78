// Service Handbook: search with Pagefind, loaded on the first query only.
//
// A search button in the header opens a panel with one field. Nothing of the index is fetched
// until someone searches: then pagefind/pagefind.js (of this edition) loads and fetches the few
// index chunks the query needs. Results show the page title and the text that matched.
// Queries run on `input` (typing, paste, voice) and on `compositionend` (an IME commits a word);
// while an IME is composing, nothing runs. From file:// a browser cannot run the search, so the
// panel says so and points at the indexes instead of failing silently.
(function () {
  "use strict";
  var TEXT = /*HANDBOOK_TEXT*/ {};
  var header = document.querySelector(".md-header__inner");
  var manifest = document.querySelector("link[rel='manifest']");
  if (!header || !manifest || document.getElementById("hb-search")) return;
  var root = new URL(".", manifest.href); // this edition's root: the manifest sits there
  var PAGE = 10;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  var icon = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">' +
    '<path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 ' +
    '6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5Z"/></svg>';
  var open = el("button", { type: "button", class: "md-header__button md-icon hb-search-open",
    "aria-label": TEXT.open, "aria-expanded": "false", "aria-controls": "hb-search", title: TEXT.open });
  open.innerHTML = icon;
  // where Material puts its own search button: after the language menu (whose list opens
  // leftwards from it and would overflow a phone's screen as the last button)
  header.insertBefore(open, header.querySelector(".md-header__source"));

  var panel = el("div", { id: "hb-search", class: "hb-search", role: "search", hidden: "" });
  var form = el("form", { class: "hb-search__form", action: "#" });
  var field = el("input", { id: "handbook-search-input", class: "hb-search__input", type: "search",
    autocomplete: "off", spellcheck: "false", enterkeyhint: "search", placeholder: TEXT.placeholder,
    "aria-label": TEXT.label, "aria-describedby": "hb-search-status" });
  var close = el("button", { type: "button", class: "hb-search__close", "aria-label": TEXT.close }, "×");
  var status = el("p", { id: "hb-search-status", class: "hb-search__status", role: "status", "aria-live": "polite" });
  var list = el("ol", { class: "hb-search__results", "aria-label": TEXT.label });
  var more = el("button", { type: "button", class: "hb-search__more", hidden: "" }, TEXT.more);
  form.appendChild(field);
  form.appendChild(close);
  panel.appendChild(form);
  panel.appendChild(status);
  panel.appendChild(list);
  panel.appendChild(more);
  var bar = header.closest("header") || header.parentNode; // the panel sits after the header bar
  bar.parentNode.insertBefore(panel, bar.nextSibling);

  function show(visible) {
    panel.hidden = !visible;
    open.setAttribute("aria-expanded", String(visible));
    document.documentElement.classList.toggle("hb-search-active", visible);
    if (visible) field.focus(); else open.focus();
  }
  open.addEventListener("click", function () { show(panel.hidden); });
  close.addEventListener("click", function () { show(false); });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); show(false); return; }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var stops = [field].concat(Array.prototype.slice.call(list.querySelectorAll("a")));
    var at = stops.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault(); // the arrows walk from the field through the results and back
    stops[Math.max(0, Math.min(stops.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))].focus();
  });
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((event.target && event.target.tagName) || "");
    if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s")) {
      event.preventDefault();
      show(true);
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) first.focus();
  });

  // -- the engine -------------------------------------------------------------------------------
  var engine = null;
  var chinese = /^zh/i.test(document.documentElement.lang);
  function load() {
    if (!engine) {
      var fold = chinese ? fetch(new URL("pagefind/handbook-fold.txt", root).href)
        .then(function (r) { return r.ok ? r.text() : ""; }).catch(function () { return ""; }) : Promise.resolve("");
      engine = Promise.all([import(new URL("pagefind/pagefind.js", root).href), fold]).then(function (got) {
        var pagefind = got[0], pairs = got[1], table = {};
        for (var i = 0; i + 1 < pairs.length; i += 2) table[pairs[i]] = pairs[i + 1];
        return Promise.resolve(pagefind.options({ baseUrl: root.pathname })).then(function () {
          // a query is read the way the index was made: Traditional characters as Simplified
          return { search: function (q) { return pagefind.search(q.replace(/./g, function (c) { return table[c] || c; })); } };
        });
      });
      engine.catch(function () { engine = null; }); // offline and not cached yet: try again next time
    }
    return engine;
  }

  // Pagefind's excerpt is escaped page text with <mark> around the matches: rebuild it as text
  // nodes and <mark> elements, never as HTML.
  function excerpt(html) {
    var p = el("p", { class: "hb-search__excerpt" });
    var decode = document.createElement("textarea");
    html.split(/(<mark>|<\/mark>)/).reduce(function (marked, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      decode.innerHTML = part.replace(/<[^>]*>/g, "");
      var text = document.createTextNode(decode.value);
      if (marked) { var m = el("mark"); m.appendChild(text); p.appendChild(m); } else p.appendChild(text);
      return marked;
    }, false);
    return p;
  }

  function item(data) {
    var li = el("li", { class: "hb-search__result handbook-search-result" });
    var a = el("a", { href: data.url });
    a.appendChild(el("span", { class: "hb-search__title" }, (data.meta && data.meta.title) || data.url));
    a.appendChild(excerpt(data.excerpt || ""));
    li.appendChild(a);
    return li;
  }

  var serial = 0, results = [], shown = 0;
  function page() {
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    more.hidden = shown >= results.length;
    return Promise.all(batch.map(function (r) { return r.data(); }));
  }

  function run(query) {
    var mine = ++serial;
    query = query.trim();
    list.textContent = "";
    more.hidden = true;
    if (!query) { status.textContent = ""; return; }
    if (location.protocol === "file:") { status.textContent = TEXT.file; return; }
    status.textContent = TEXT.loading;
    load().then(function (pagefind) { return pagefind.search(query); }).then(function (found) {
      if (mine !== serial) return null;
      results = found.results; shown = 0;
      return page();
    }).then(function (items) {
      if (!items || mine !== serial) return;
      status.textContent = results.length ? TEXT.found.replace("{count}", results.length)
        : TEXT.none.replace("{query}", query);
      items.forEach(function (data) { list.appendChild(item(data)); });
    }).catch(function () {
      if (mine === serial) status.textContent = TEXT.failed;
    });
  }
  more.addEventListener("click", function () {
    var mine = serial;
    page().then(function (items) {
      if (mine === serial) items.forEach(function (data) { list.appendChild(item(data)); });
    });
  });

  var timer = 0;
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(function () { run(field.value); }, 150);
  }
  field.addEventListener("input", function (event) { if (!event.isComposing) soon(); });
  field.addEventListener("compositionend", soon);
})();
