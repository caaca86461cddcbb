/* Gridboard community screen: shows the slides written into the page, one after another.
 *
 * Runs for months without anyone near it, so:
 * - it never builds or removes slides, only shows and hides them (memory stays flat);
 * - every decision uses the screen's own clock: a slide whose data-stop has passed (a posting
 *   whose publicity period ended) is skipped even if the site was not rebuilt; outside the
 *   playing hours (data-hours) and when nothing is left it shows the brand slide with the time;
 * - a slide too long for the screen is shown in pages, each for the slide's seconds;
 * - it asks version.json every few minutes whether a newer build of this screen is published
 *   (version.json lists each screen's build key, the same key the page carries in data-build,
 *   so a screen that started offline still finds out, and one whose slides did not change
 *   stays as it is); when there is
 *   one and the page itself loads, it reloads once; on any failure it keeps showing what it has;
 * - an urgent notice takes the whole screen for its period, a warning runs as a band (notices());
 * - a photo that does not load is hidden, the text around it stays;
 * - the picture shifts by a few pixels every minute so nothing burns into the panel.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-gb-screen][data-live]");
  if (!root) return;

  var WEEK = "日一二三四五六";
  var slides = Array.prototype.slice.call(root.querySelectorAll(".gb-slide:not([data-brand])"));
  var brand = root.querySelector("[data-brand]");
  var bar = root.querySelector(".gb-progress span");
  var count = root.querySelector(".gb-count");
  var frame = root.querySelector(".gb-frame");
  var brandInner = root.querySelector(".gb-brand-inner");
  var clocks = root.querySelectorAll("[data-clock]");
  var hours = parseJSON(root.getAttribute("data-hours")) || [];
  var defaultSeconds = +root.getAttribute("data-seconds") || 15;
  var current = null;
  var index = -1;
  var page = 0;
  var pages = 1;
  var timer = 0;
  var barAnim = null;
  var changes = 0;

  function parseJSON(text) {
    try { return JSON.parse(text); } catch (e) { return null; }
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function stamp(d) {  // local "YYYY-MM-DDTHH:MM:SS", compared as text with data-start/-stop
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" +
      pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
  }

  // ---- clock --------------------------------------------------------------------------------
  function tick() {
    var now = new Date();
    notices(now);
    var time = pad(now.getHours()) + ":" + pad(now.getMinutes());
    var date = now.getFullYear() + "年" + (now.getMonth() + 1) + "月" + now.getDate() + "日 星期" + WEEK[now.getDay()];
    for (var i = 0; i < clocks.length; i++) {
      var text = clocks[i].getAttribute("data-clock") === "time" ? time : date;
      if (clocks[i].textContent !== text) clocks[i].textContent = text;
    }
    setTimeout(tick, 1000 - (now.getTime() % 1000) + 5);
  }

  // ---- what may show now ----------------------------------------------------------------------
  function minutes(hhmm) { var p = hhmm.split(":"); return +p[0] * 60 + +p[1]; }
  function playing(now) {
    if (!hours.length) return true;
    var day = now.getDay() || 7;  // 1 = Monday … 7 = Sunday
    var yesterday = day === 1 ? 7 : day - 1;
    var m = now.getHours() * 60 + now.getMinutes();
    for (var i = 0; i < hours.length; i++) {
      var w = hours[i], from = minutes(w.from), to = minutes(w.to);
      if (from < to) {
        if (w.days.indexOf(day) >= 0 && m >= from && m < to) return true;
      } else {  // passes midnight: from today's start, or until today's end of yesterday's window
        if ((w.days.indexOf(day) >= 0 && m >= from) || (w.days.indexOf(yesterday) >= 0 && m < to)) return true;
      }
    }
    return false;
  }
  function showable(slide, now) {
    var s = stamp(now);
    var start = slide.getAttribute("data-start"), stop = slide.getAttribute("data-stop");
    return (!start || s >= start) && (!stop || s < stop);
  }

  // ---- urgent notices (紧急通知) ----------------------------------------------------------------
  // An urgent notice takes the whole screen from data-start until data-stop, the playlist waiting
  // under it; a warning runs as a band over the playlist. Checked every second on this clock, so
  // one that ends leaves the screen without a rebuild, offline too. The newest urgent one shows.
  var takeovers = Array.prototype.slice.call(root.querySelectorAll("[data-takeover]"));
  var bands = Array.prototype.slice.call(root.querySelectorAll("[data-band]"));
  var taken = null;
  function notices(now) {
    var on = null;
    for (var i = 0; i < takeovers.length; i++) {
      var show = !on && showable(takeovers[i], now);
      if (show) on = takeovers[i];
      if (takeovers[i].hidden === show) takeovers[i].hidden = !show;
    }
    for (var j = 0; j < bands.length; j++) {
      var band = showable(bands[j], now);
      if (bands[j].hidden === band) bands[j].hidden = !band;
    }
    if (on === taken) return;
    var was = taken;
    taken = on;
    root.classList.toggle("gb-taken", !!on);
    if (on) { clearTimeout(timer); progress(0); if (count) count.textContent = ""; }
    else if (was) next();  // the notice ended: the playlist goes on
  }

  // ---- showing --------------------------------------------------------------------------------
  function hide(slide) { if (slide && !slide.hidden) slide.hidden = true; }
  function place(slide) {  // the page `page` of a slide longer than the screen
    var box = slide.querySelector(".gb-slide-box");
    var body = slide.querySelector(".gb-slide-body");
    var more = slide.querySelector(".gb-more");
    if (!box || !body) { pages = 1; return; }
    body.style.transform = "";
    box.style.height = "";
    if (more) more.hidden = true;
    var height = box.clientHeight;
    if (body.scrollHeight <= height + 1) { pages = 1; page = 0; return; }
    if (more) {  // leave room for the "接下页" mark where it covers the text
      more.hidden = false;
      var m = more.getBoundingClientRect(), b = box.getBoundingClientRect();
      if (m.left < b.right && m.right > b.left && m.top < b.bottom) height = Math.max(1, Math.floor(m.top - b.top));
    }
    var starts = breaks(box, body, height);
    pages = starts.length;
    if (page > pages - 1) page = pages - 1;
    var top = starts[page], bottom = page + 1 < pages ? starts[page + 1] : top + height;
    box.style.height = Math.min(height, bottom - top) + "px";
    body.style.transform = "translateY(" + (-top) + "px)";
    if (more) more.hidden = page >= pages - 1;
  }
  // Where each page of a long slide starts: at the top of a line, a picture, a table row or a
  // person's card, so that no line is cut in half at the bottom of a page and again at the top
  // of the next (headings, margins and pictures are not whole lines, so multiples of the line
  // height do not fall between lines).
  function breaks(box, body, height) {
    var origin = box.getBoundingClientRect().top;  // not the body's: its first margin may collapse
    var tops = [], bottoms = [];
    function add(rects) {
      for (var i = 0; i < rects.length; i++) {
        if (rects[i].height > 0) { tops.push(rects[i].top - origin); bottoms.push(rects[i].bottom - origin); }
      }
    }
    var range = document.createRange();
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, null);
    for (var t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!/\S/.test(t.nodeValue)) continue;
      range.selectNodeContents(t);
      add(range.getClientRects());
    }
    var solid = body.querySelectorAll("img, svg, tr, .gb-person, .gb-figs li");
    for (var s = 0; s < solid.length; s++) add(solid[s].getClientRects());
    var end = bottoms.length ? Math.max.apply(null, bottoms) : body.scrollHeight;
    var starts = [0], start = 0;
    while (start + height < end - 1 && starts.length < 100) {
      var limit = start + height, cut = limit;
      for (var k = 0; k < tops.length; k++) {  // the first thing that does not fit starts the next page
        if (bottoms[k] > limit + 0.5 && tops[k] > start + 0.5 && tops[k] < cut) cut = tops[k];
      }
      starts.push(cut);
      start = cut;
    }
    return starts;
  }
  function progress(ms) {
    if (!bar) return;
    if (barAnim) barAnim.cancel();
    barAnim = bar.animate ? bar.animate([{ transform: "scaleX(0)" }, { transform: "scaleX(1)" }],
      { duration: ms, easing: "linear", fill: "forwards" }) : null;
  }
  function show(slide, label) {
    if (slide !== current) {
      hide(current);
      slide.hidden = false;
      current = slide;
    }
    if (count) count.textContent = label;
    changes++;
    root.setAttribute("data-changes", String(changes));
  }

  function next() {
    clearTimeout(timer);
    var now = new Date();
    if (taken) return;  // an urgent notice has the screen: notices() restarts the playlist
    if (!playing(now)) {  // outside the playing hours: the quiet brand slide
      root.classList.add("gb-quiet");
      index = -1; page = 0;
      show(brand, "");
      progress(0);
      timer = setTimeout(next, 30000);
      return;
    }
    root.classList.remove("gb-quiet");
    if (current && current !== brand && page + 1 < pages && showable(current, now)) {
      page++;  // the next page of a long slide
      place(current);
    } else {
      page = 0;
      var found = -1;
      for (var k = 1; k <= slides.length; k++) {
        var i = (index + k) % slides.length;
        if (showable(slides[i], now)) { found = i; break; }
      }
      if (found < 0) {  // nothing left to show: the brand slide, then look again
        index = -1;
        show(brand, "");
        var wait = defaultSeconds * 1000;
        progress(wait);
        timer = setTimeout(next, wait);
        return;
      }
      index = found;
      show(slides[found], "");
      place(slides[found]);
    }
    var seconds = +current.getAttribute("data-seconds") || defaultSeconds;
    var shownCount = 0, position = 0;
    for (var j = 0; j < slides.length; j++) {
      if (showable(slides[j], now)) { shownCount++; if (j <= index) position = shownCount; }
    }
    if (count) count.textContent = position + " / " + shownCount + (pages > 1 ? "（" + (page + 1) + "/" + pages + "）" : "");
    progress(seconds * 1000);
    timer = setTimeout(next, seconds * 1000);
  }

  // ---- photos that do not load ----------------------------------------------------------------
  function missing(img) { img.classList.add("gb-missing"); }
  document.addEventListener("error", function (e) {
    if (e.target && e.target.tagName === "IMG") missing(e.target);
  }, true);
  function checkImages() {
    var imgs = root.querySelectorAll("img");
    for (var i = 0; i < imgs.length; i++) {
      if (imgs[i].complete && imgs[i].naturalWidth === 0) missing(imgs[i]);
    }
  }

  // ---- gentle shift against burn-in -----------------------------------------------------------
  var orbit = [[0, 0], [3, 2], [5, -2], [2, -4], [-3, -3], [-5, 1], [-2, 4]];
  var step = 0;
  function shift() {
    step = (step + 1) % orbit.length;
    var o = orbit[step];
    var t = "translate(" + o[0] + "px," + o[1] + "px)";
    if (frame) frame.style.transform = t;
    if (brandInner) brandInner.style.transform = "translate(" + o[0] * 4 + "px," + o[1] * 4 + "px)";
    setTimeout(shift, 60000);
  }

  // ---- newer builds ---------------------------------------------------------------------------
  var versionUrl = root.getAttribute("data-version-url");
  var poll = (+root.getAttribute("data-poll") || 150) * 1000;
  var known = null;
  var screenId = root.getAttribute("data-gb-screen");
  var ownBuild = root.getAttribute("data-build");  // this page's build key (see version.json)
  var reloadedFor = null;
  try { reloadedFor = sessionStorage.getItem("gb-reloaded-for"); } catch (e) { /* file:// or blocked */ }

  function checkVersion() {
    if (!window.fetch || location.protocol === "file:") return;
    fetch(versionUrl + "?t=" + Date.now(), { cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (v) {
        if (!v || !v.version) return;
        var newer = null;
        if (v.screens) {  // each screen's own build key: only a screen whose slides changed reloads
          var key = v.screens[screenId];
          if (key && key !== ownBuild) newer = key;
        } else {  // a version.json without keys: compare with the version first seen
          if (known === null) { known = v.version; return; }
          if (v.version !== known) newer = v.version;
        }
        if (!newer || newer === reloadedFor) return;
        // a newer build: reload only if this page loads from it, so a half-copied site, a stale
        // cache or a server error never replaces a working screen with an error page
        var sign = v.screens ? 'data-build="' + newer + '"' : "data-gb-screen";
        return fetch(location.href.split("#")[0], { cache: "no-store" })
          .then(function (r) { return r.ok ? r.text() : ""; })
          .then(function (text) {
            if (text.indexOf(sign) < 0) return;
            reloadedFor = newer;
            try { sessionStorage.setItem("gb-reloaded-for", newer); } catch (e) { /* ignore */ }
            location.reload();
          });
      })
      .catch(function () { /* offline or server down: keep showing what we have */ })
      .then(function () { setTimeout(checkVersion, poll); });
  }

  tick();
  checkImages();
  next();
  setTimeout(shift, 60000);
  checkVersion();
})();
