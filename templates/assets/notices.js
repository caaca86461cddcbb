/* Urgent notices (紧急通知): the banners at the top of a page (templates/overrides/main.html).
 *
 * Loaded right after the banners, so a banner that should not show is hidden before the page is
 * drawn (on a page without banners, deferred from <head>: the home page's list of notices). Decided on the reader's own clock: a banner shows from data-from until data-until
 * (local times "YYYY-MM-DDTHH:MM:SS", compared as text), so one that has ended disappears even
 * if the site is not rebuilt; it is checked again every minute while the page stays open. The
 * reader may dismiss a banner: kept per notice id in localStorage (until the notice ends), so it
 * does not come back on the next page. Without JavaScript every banner shows, with no button.
 */
(function () {
  "use strict";
  var KEY = "gb-notices-dismissed";
  var root = document.documentElement;
  if (root.hasAttribute("data-gb-notices-run")) return;  // loaded after the banners and deferred in <head>
  root.setAttribute("data-gb-notices-run", "");
  var box = document.querySelector("[data-gb-notices]");
  var banners = box ? box.querySelectorAll("[data-notice]") : [];

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function stamp(d) {
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" +
      pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
  }
  function dismissed() {
    try { return JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
  }
  function dismiss(id, until) {
    var all = dismissed(), now = stamp(new Date());
    for (var k in all) { if (all.hasOwnProperty(k) && all[k] <= now) delete all[k]; }  // ended: forget
    all[id] = until;
    try { localStorage.setItem(KEY, JSON.stringify(all)); } catch (e) { /* private mode: this page only */ }
  }

  function current(e, now) {
    return now >= e.getAttribute("data-from") && now < e.getAttribute("data-until");
  }
  function update() {
    var now = stamp(new Date()), gone = dismissed(), any = false;
    var items = document.querySelectorAll("[data-notice-item]");  // the home page's list
    for (var j = 0; j < items.length; j++) {
      var on = current(items[j], now);
      if (items[j].hidden === on) items[j].hidden = !on;
    }
    for (var i = 0; i < banners.length; i++) {
      var b = banners[i], id = b.getAttribute("data-notice");
      var on = current(b, now) && !gone.hasOwnProperty(id);
      if (b.hidden === on) b.hidden = !on;
      any = any || on;
    }
    if (box) (box.closest(".md-banner") || box).hidden = !any;  // the theme's strip around them
  }

  for (var i = 0; i < banners.length; i++) {
    var button = banners[i].querySelector("[data-notice-close]");
    if (!button) continue;
    button.hidden = false;
    button.addEventListener("click", function (e) {
      var b = e.currentTarget.closest("[data-notice]");
      dismiss(b.getAttribute("data-notice"), b.getAttribute("data-until"));
      update();
      var main = document.querySelector("main, [role=main]");  // focus stays on the page, not lost
      if (main) { main.setAttribute("tabindex", "-1"); main.focus(); }
    });
  }
  update();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update);
  setInterval(update, 60000);
})();
