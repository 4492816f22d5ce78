// Service Handbook: the only script the handbook adds.

// Print buttons on checklist pages.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-hb-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});

// Material marks its search overlay role="dialog" without a name; screen readers need one.
(function () {
  var dialog = document.querySelector(".md-search[role='dialog']");
  var input = document.querySelector(".md-search__input");
  if (dialog && input && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", input.getAttribute("aria-label") || "Search");
  }
})();

// Material runs a search on `keyup` only. Text that arrives without a key release — a Chinese
// IME commit on some phones, paste from the context menu, voice input — would leave stale
// results, so every `input` is followed by a synthetic keyup.
(function () {
  var input = document.querySelector(".md-search__input");
  if (!input) return;
  input.addEventListener("input", function (event) {
    if (event.isComposing) return; // wait for the IME to commit the word
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  });
  input.addEventListener("compositionend", function () {
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  });
})();
