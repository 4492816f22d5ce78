// Service Handbook: self-check quizzes (quiz/*.html). Each option is a button; choosing one
// shows at once, in a live region, whether it was right and why. Answers are kept on this
// device per quiz (localStorage, key data-hb-quiz) and "Start again" clears them. Every word
// shown comes from the page (data-hb-t-*): the script has no language and writes no markup
// from text (textContent and cloned nodes only).
(function () {
  "use strict";

  function load(key) {
    try {
      var data = JSON.parse(window.localStorage.getItem(key) || "{}");
      return data && typeof data.answers === "object" && data.answers ? data : { answers: {} };
    } catch (e) {
      return { answers: {} };
    }
  }

  function save(key, data) {
    try {
      window.localStorage.setItem(key, JSON.stringify(data));
    } catch (e) {
      /* private mode or full storage: the quiz still works, it just forgets */
    }
  }

  function words(root, name) {
    return root.getAttribute("data-hb-t-" + name) || "";
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? String(values[name]) : all;
    });
  }

  // How many answered, right, and self-assessed "could answer" of a quiz's stored answers.
  function tally(questions, answers) {
    var t = { total: 0, answered: 0, right: 0, open: 0, yes: 0 };
    questions.forEach(function (q) {
      var id = q.getAttribute("data-hb-q");
      var given = answers[id];
      if (q.hasAttribute("data-hb-answer")) {
        t.total += 1;
        if (given !== undefined) {
          t.answered += 1;
          if (String(given) === q.getAttribute("data-hb-answer")) t.right += 1;
        }
      } else {
        t.open += 1;
        if (given === "yes") t.yes += 1;
      }
    });
    return t;
  }

  function mark(button, text, className) {
    var span = document.createElement("span");
    span.className = "hb-quiz__mark " + className;
    span.textContent = text;
    button.appendChild(span);
  }

  // Show a question as answered with `given` (from a click, or restored from storage).
  function show(root, q, given) {
    var options = Array.prototype.slice.call(q.querySelectorAll("[data-hb-option]"));
    var feedback = q.querySelector("[data-hb-feedback]");
    var why = q.querySelector(".hb-quiz__why");
    var right = q.getAttribute("data-hb-answer");
    var verdict = document.createElement("p");
    verdict.className = "hb-quiz__verdict";
    options.forEach(function (b) {
      var value = b.getAttribute("data-hb-option");
      b.setAttribute("aria-disabled", "true");
      if (value === String(given)) {
        b.classList.add("hb-quiz__option--chosen");
        if (right !== null) mark(b, words(root, "your-answer"), "hb-quiz__mark--chosen");
      }
      if (right !== null && value === right) {
        b.classList.add("hb-quiz__option--right");
        mark(b, words(root, "correct-answer"), "hb-quiz__mark--right");
      }
    });
    if (right === null) {
      verdict.textContent = words(root, given === "yes" ? "said-yes" : "said-no");
      q.classList.add(given === "yes" ? "hb-quiz__q--right" : "hb-quiz__q--review");
    } else if (String(given) === right) {
      verdict.textContent = words(root, "right");
      q.classList.add("hb-quiz__q--right");
    } else {
      var answer = q.querySelector('[data-hb-option="' + right + '"]');
      verdict.textContent = words(root, "wrong") + (answer ? answer.firstChild.textContent : "");
      q.classList.add("hb-quiz__q--wrong");
    }
    feedback.textContent = "";
    feedback.appendChild(verdict);
    if (why) feedback.appendChild(why.cloneNode(true));
    q.classList.add("hb-quiz__q--answered");
  }

  function clear(q) {
    q.classList.remove("hb-quiz__q--answered", "hb-quiz__q--right", "hb-quiz__q--wrong", "hb-quiz__q--review");
    q.querySelector("[data-hb-feedback]").textContent = "";
    Array.prototype.forEach.call(q.querySelectorAll("[data-hb-option]"), function (b) {
      b.removeAttribute("aria-disabled");
      b.classList.remove("hb-quiz__option--chosen", "hb-quiz__option--right");
      Array.prototype.forEach.call(b.querySelectorAll(".hb-quiz__mark"), function (m) {
        m.remove();
      });
    });
  }

  function score(root, questions, answers) {
    var t = tally(questions, answers);
    var text = fill(words(root, "score"), t);
    if (t.open) text += " · " + fill(words(root, "score-open"), t);
    root.querySelector("[data-hb-score]").textContent = text;
  }

  function quiz(root) {
    var key = root.getAttribute("data-hb-quiz");
    var questions = Array.prototype.slice.call(root.querySelectorAll("[data-hb-q]"));
    var data = load(key);
    questions.forEach(function (q) {
      var reveal = q.querySelector(".hb-quiz__reveal");
      if (reveal) reveal.hidden = true; // the script shows the answer once one is chosen
      var given = data.answers[q.getAttribute("data-hb-q")];
      if (given !== undefined) show(root, q, given);
      var feedback = q.querySelector("[data-hb-feedback]");
      // live only now: restoring saved answers must not read the whole page out
      feedback.setAttribute("role", "status");
      feedback.setAttribute("aria-live", "polite");
    });
    score(root, questions, data.answers);
    root.classList.add("hb-quiz--ready"); // the reset button is shown only when it works
    root.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-hb-option]");
      if (button && root.contains(button)) {
        var q = button.closest("[data-hb-q]");
        if (button.getAttribute("aria-disabled") === "true") return;
        data.answers[q.getAttribute("data-hb-q")] = button.getAttribute("data-hb-option");
        save(key, data);
        show(root, q, button.getAttribute("data-hb-option"));
        score(root, questions, data.answers);
        return;
      }
      if (event.target.closest && event.target.closest("[data-hb-reset]")) {
        data = { answers: {} };
        try {
          window.localStorage.removeItem(key);
        } catch (e) {
          /* nothing stored */
        }
        questions.forEach(clear);
        score(root, questions, data.answers);
        root.querySelector("[data-hb-announce]").textContent = words(root, "reset-done");
      }
    });
  }

  // The quiz index: each quiz's saved progress, next to its link.
  function progress(span) {
    var total = Number(span.getAttribute("data-hb-total")) || 0;
    var answers = load(span.getAttribute("data-hb-progress")).answers;
    var count = Math.min(Object.keys(answers).length, total);
    span.textContent = count ? fill(words(span, "progress"), { answered: count, total: total })
                             : words(span, "not-started");
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-hb-quiz]"), quiz);
  Array.prototype.forEach.call(document.querySelectorAll("[data-hb-progress]"), progress);
})();
