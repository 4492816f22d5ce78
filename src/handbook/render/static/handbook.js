// Service Handbook: print buttons (checklists have their own script, search and offline theirs).

// Print buttons on checklist pages.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-hb-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
