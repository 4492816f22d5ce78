// Service Handbook: tick-off checklists on a phone.
//
// A checklist page's sheet carries data-hb-checklist (the SOP id) and data-hb-version. Ticks are
// kept in this browser's localStorage under "handbook.ticks:<id>@<version>": they survive a
// reload and going offline, a new version of the SOP starts clean (the old version's ticks are
// dropped), and nothing is ever sent anywhere. Printing hides the checkboxes and prints the empty
// boxes beside them (handbook.css), so a printed sheet never shows a tick.
(function () {
  "use strict";
  var sheet = document.querySelector("[data-hb-checklist]");
  if (!sheet) return;
  var prefix = "handbook.ticks:" + sheet.getAttribute("data-hb-checklist") + "@";
  var key = prefix + sheet.getAttribute("data-hb-version");
  var boxes = Array.prototype.slice.call(sheet.querySelectorAll("input[data-hb-tick]"));
  var count = document.querySelector("[data-hb-count]");
  var clear = document.querySelector("[data-hb-clear]");

  function stored() {
    try {
      var value = JSON.parse(window.localStorage.getItem(key) || "[]");
      return Array.isArray(value) ? value : [];
    } catch (e) {
      return []; // storage blocked (private mode) or damaged: start clean
    }
  }

  function store(ticked) {
    try {
      if (ticked.length) window.localStorage.setItem(key, JSON.stringify(ticked));
      else window.localStorage.removeItem(key);
    } catch (e) { /* storage full or blocked: the ticks still work until the page closes */ }
  }

  function forgetOtherVersions() {
    try {
      for (var i = window.localStorage.length - 1; i >= 0; i--) {
        var name = window.localStorage.key(i);
        if (name && name.indexOf(prefix) === 0 && name !== key) window.localStorage.removeItem(name);
      }
    } catch (e) { /* nothing to forget */ }
  }

  function show() {
    var done = boxes.filter(function (b) { return b.checked; }).length;
    if (count) {
      count.textContent = count.getAttribute("data-hb-count")
        .replace("{done}", String(done)).replace("{total}", String(boxes.length));
    }
    if (clear) clear.disabled = done === 0;
  }

  function restore() {
    var ticked = stored();
    boxes.forEach(function (b) { b.checked = ticked.indexOf(b.getAttribute("data-hb-tick")) !== -1; });
    show();
  }

  sheet.addEventListener("change", function () {
    store(boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.getAttribute("data-hb-tick"); }));
    show();
  });
  if (clear) {
    clear.addEventListener("click", function () {
      boxes.forEach(function (b) { b.checked = false; });
      store([]);
      show();
    });
  }
  window.addEventListener("storage", function (event) { if (event.key === key) restore(); }); // other tabs
  window.addEventListener("pageshow", restore); // back/forward cache
  forgetOtherVersions();
  restore();
})();
