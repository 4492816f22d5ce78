// Service Handbook: installable and offline (see handbook.site.offline).
//
// Registers the language's service worker (sw.js beside the manifest this page links), asks it to
// keep the page being read, and when a new build has taken over while the page was open, shows an
// unobtrusive notice with a reload button. From file:// (a copy opened from disk) no worker can
// run: nothing happens and the site navigates as before.
(function () {
  "use strict";
  var TEXT = /*HANDBOOK_TEXT*/ {};
  var link = document.querySelector('link[rel="manifest"]');
  if (!link || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var sw = navigator.serviceWorker;
  var controlled = !!sw.controller;

  function notice() {
    if (document.querySelector(".hb-update")) return;
    var bar = document.createElement("div");
    bar.className = "hb-update hb-noprint";
    bar.setAttribute("role", "status");
    var text = document.createElement("span");
    text.className = "hb-update__text";
    text.textContent = TEXT.ready;
    var reload = document.createElement("button");
    reload.type = "button";
    reload.className = "md-button md-button--primary hb-update__reload";
    reload.textContent = TEXT.reload;
    reload.addEventListener("click", function () { window.location.reload(); });
    var later = document.createElement("button");
    later.type = "button";
    later.className = "md-button hb-update__later";
    later.textContent = TEXT.later;
    later.addEventListener("click", function () { bar.remove(); });
    bar.append(text, reload, later);
    document.body.appendChild(bar);
  }

  sw.addEventListener("controllerchange", function () {
    if (controlled) notice(); // a new build took over; the first install is not news
    controlled = true;
  });
  sw.register(new URL("sw.js", link.href).href, { updateViaCache: "none" })
    .then(function (registration) { if (controlled) return registration.update(); })
    .catch(function () { /* no worker here (e.g. `mkdocs serve`): the site works online as before */ });
  sw.ready.then(function (registration) {
    if (registration.active) registration.active.postMessage({ type: "visited", url: location.href });
  });
})();
