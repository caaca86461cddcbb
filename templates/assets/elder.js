/* 长者模式 (elder mode): large type, high contrast, one column, big tap targets, no motion.
 *
 * Loaded in <head>, before the page is drawn, so a page never flashes in small type first.
 * The reader's choice (the 长者模式 button in the header) is kept on the device in localStorage.
 * Until they choose, it switches itself on when the browser asks for it: a default text size
 * set above the usual 16 px (20 px or more) or a request for more contrast. A request for
 * reduced motion is honoured in both modes by the style sheet (gridboard.css).
 */
(function () {
  "use strict";
  var KEY = "gb-elder";
  var root = document.documentElement;

  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(on) {
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode: this page only */ }
  }
  function browserAsks() {
    var probe = document.createElement("div");
    probe.style.cssText = "position:absolute;visibility:hidden;font-size:medium";
    root.appendChild(probe);
    var size = parseFloat(getComputedStyle(probe).fontSize) || 16;
    root.removeChild(probe);
    var contrast = window.matchMedia && window.matchMedia("(prefers-contrast: more)").matches;
    return size >= 20 || contrast;
  }
  function apply(on) {
    root.classList.toggle("gb-elder", on);
    var buttons = document.querySelectorAll("[data-gb-elder-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
      var label = buttons[i].querySelector(".gb-elder-label");
      if (label) label.textContent = on ? "标准模式" : "长者模式";
    }
  }

  var choice = stored();
  apply(choice === "1" || (choice === null && browserAsks()));

  document.addEventListener("DOMContentLoaded", function () {
    apply(root.classList.contains("gb-elder"));
    document.addEventListener("click", function (e) {
      var button = e.target.closest && e.target.closest("[data-gb-elder-toggle]");
      if (!button) return;
      var on = !root.classList.contains("gb-elder");
      store(on);
      apply(on);
    });
  });
})();
