/* Gridboard search: Pagefind behind Material's search box (partials/pagefind-search.html).
 *
 * Nothing is fetched until the box is opened or focused; then pagefind.js (45 KB,
 * 13 KB gzipped), its worker, the WebAssembly (68 KB, shipped gzipped) and the
 * language meta file load once; each query fetches only the index chunks and
 * result fragments it needs. Street and community filters narrow the results,
 * and work with an empty query too (every page of a community).
 * Works in a sub-folder: the bundle URL is rendered relative to the page.
 */
(() => {
  "use strict";
  const root = document.querySelector("[data-pf-search]");
  if (!root || window.__gbSearch) return;
  window.__gbSearch = true;

  const toggle = document.getElementById("__search");
  const form = root.querySelector("form");
  const input = root.querySelector("[data-pf-query]");
  const list = root.querySelector("[data-pf-list]");
  const status = root.querySelector("[data-pf-status]");
  const filterBar = root.querySelector("[data-pf-filters]");
  const selects = { street: root.querySelector('[data-pf-filter="street"]'),
                    community: root.querySelector('[data-pf-filter="community"]') };
  const more = root.querySelector("[data-pf-more]");
  const BUNDLE = new URL(root.dataset.pfBundle, document.baseURI).href;
  const INDEX_LANG = root.dataset.pfLang || "";
  // The index holds a copy of each page with its words split and marks written in
  // (builder/outputs/search_text.py); read them back so that titles and excerpts read as the
  // page does. In a run of spaces and marks the strongest decides: the end of a block " · ",
  // a field label "：", a space the page shows " "; a word break alone is dropped.
  const BLOCK = "\u2060", LABEL = "\u2063", SPACE = "\u2064";
  const RUN = /[\s\u2060\u2063\u2064]+/g;
  const readable = (text) => (text || "").replace(RUN, (run, at, all) => {
    if (at === 0 || at + run.length === all.length) return "";
    return run.includes(BLOCK) ? " · " : run.includes(LABEL) ? "：" : run.includes(SPACE) ? " " : "";
  });
  // Pagefind's excerpts are page text with only < and > escaped, plus its <mark> around the
  // matched words. Author text must never become markup: take it apart at the marks, read it
  // as plain text and put it back as text nodes, with only <mark> elements between them.
  const OPEN = "\ue000", CLOSE = "\ue001";
  function excerpt(node, html) {
    const plain = (html || "").replace(/[\ue000\ue001]/g, "")
      .replace(/<mark>/g, OPEN).replace(/<\/mark>/g, CLOSE)
      .replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    const parts = readable(plain).split(/([\ue000\ue001])/);
    let inMark = false;
    for (const part of parts) {
      if (part === OPEN || part === CLOSE) { inMark = part === OPEN; continue; }
      if (!part) continue;
      if (inMark) { const m = document.createElement("mark"); m.textContent = part; node.append(m); }
      else node.append(document.createTextNode(part));
    }
  }
  const PAGE = 10;       // results rendered per step
  const SECTIONS = 3;    // matching headings shown under a page
  const DEBOUNCE = 150;  // ms
  const T = { placeholder: status.textContent.trim(), none: "没有找到符合条件的结果",
              failed: "搜索暂时不可用，请刷新页面后再试。", offline: "离线浏览时不能搜索，请通过网站地址访问。" };

  let enginePromise = null;
  let current = null;    // {results, shown}
  let seq = 0;           // drops answers to superseded queries
  window.__gbSearchTimings = [];

  function engine() {
    enginePromise ??= (async () => {
      if (location.protocol === "file:") throw new Error("file://");
      const pf = await import(BUNDLE + "pagefind.js");
      // termSimilarity: a page holding the exact word (刘宇) outranks pages where it only
      // begins a longer one (刘宇秀): residents type whole names.
      await pf.options({ excerptLength: 24, ranking: { termSimilarity: 6.0 } });
      // The index was built under INDEX_LANG (search_index.py). Pagefind reads the
      // language from <html lang> when it starts; with zh-CN it would re-segment the
      // query with Intl.Segmenter. Show it INDEX_LANG for that synchronous moment.
      const html = document.documentElement, pageLang = html.getAttribute("lang");
      if (INDEX_LANG) html.setAttribute("lang", INDEX_LANG);
      const ready = pf.init();
      html.setAttribute("lang", pageLang);
      await ready;
      return pf;
    })();
    return enginePromise;
  }

  function setStatus(text) { status.textContent = text; }

  function open() {
    if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    warm();
  }
  function close() {
    if (toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); }
    input.blur();
  }

  let warmed = false;
  async function warm() {
    if (warmed) return;
    warmed = true;
    try {
      const pf = await engine();
      await fillFilters(pf);
      filterBar.hidden = false;
    } catch (e) {
      warmed = false;
      setStatus(String(e.message) === "file://" ? T.offline : T.failed);
    }
  }

  function chosen() {
    const f = {};
    for (const [k, s] of Object.entries(selects)) if (s.value) f[k] = s.value;
    return f;
  }

  /* Options with page counts; the community list follows the chosen street. */
  const byStreet = new Map();
  async function fillFilters(pf) {
    const all = await pf.filters();
    let communities = all.community || {};
    const street = selects.street.value;
    if (street) {
      if (!byStreet.has(street)) byStreet.set(street, (await pf.search(null, { filters: { street } })).filters.community || {});
      communities = byStreet.get(street);
    }
    const sources = { street: all.street || {}, community: communities };
    for (const [key, sel] of Object.entries(selects)) {
      const keep = sel.value;
      sel.replaceChildren(sel.options[0]);
      for (const [value, n] of Object.entries(sources[key]).sort((a, b) => a[0].localeCompare(b[0], "zh-CN"))) {
        if (!n) continue;
        const o = document.createElement("option");
        o.value = value;
        o.textContent = `${value}（${n}）`;
        sel.append(o);
      }
      sel.value = keep && [...sel.options].some((o) => o.value === keep) ? keep : "";
    }
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  /* Material's own result markup, so its CSS styles it. */
  function render(data) {
    const li = el("li", "md-search-result__item");
    const a = el("a", "md-search-result__link");
    a.href = data.url;
    a.tabIndex = -1;
    const art = el("article", "md-search-result__article md-typeset");
    art.append(el("div", "md-search-result__icon md-icon"));
    art.append(el("h1", null, readable(data.meta?.title) || data.url));
    const where = [data.meta?.kind, ...(data.filters?.street || []), ...(data.filters?.community || [])]
      .filter(Boolean).filter((v, i, arr) => arr.indexOf(v) === i);
    if (where.length) art.append(el("p", "gb-pf-where", where.join(" · ")));
    const sections = (data.sub_results || []).filter((s) => s.url !== data.url && s.anchor).slice(0, SECTIONS);
    if (!sections.length) {  // with sections, their excerpts say it better
      const p = el("p");
      excerpt(p, data.excerpt);
      art.append(p);
    }
    a.append(art);
    li.append(a);
    for (const s of sections) {
      const sa = el("a", "md-search-result__link");
      sa.href = s.url;
      sa.tabIndex = -1;
      const sart = el("article", "md-search-result__article md-typeset");
      sart.append(el("h2", null, readable(s.title)));
      const sp = el("p");
      excerpt(sp, s.excerpt);
      sart.append(sp);
      sa.append(sart);
      li.append(sa);
    }
    return li;
  }

  async function showMore() {
    const mine = seq;
    const batch = current.results.slice(current.shown, current.shown + PAGE);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (mine !== seq) return;
    list.append(...data.map(render));
    current.shown += batch.length;
    more.hidden = current.shown >= current.results.length;
  }

  async function run() {
    const mine = ++seq;
    const t0 = performance.now();
    const query = input.value.trim();
    const filters = chosen();
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren(); more.hidden = true; setStatus(T.placeholder);
      return;
    }
    let pf;
    try { pf = await engine(); } catch (e) {
      setStatus(String(e.message) === "file://" ? T.offline : T.failed); return;
    }
    try {
      const search = await pf.debouncedSearch(query || null, { filters }, DEBOUNCE);
      if (search === null || mine !== seq) return;
      // Pagefind also matches words the query only begins (刘宇 → 刘宇志), and a page naming
      // 刘宇志 three times outranks the grid of 刘宇. Among the first results, pages holding the
      // query as a whole word go first. (Their data is fetched for display anyway.)
      if (query && !/\s/.test(query)) {
        const head = search.results.slice(0, PAGE);
        const datas = await Promise.all(head.map((r) => r.data()));
        const esc = query.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        const whole = new RegExp(`(^|[\\s\\p{P}\\p{Cf}])${esc}($|[\\s\\p{P}\\p{Cf}])`, "u");
        const exact = head.filter((r, i) => whole.test(datas[i].content || ""));
        if (exact.length) search.results = [...exact, ...search.results.filter((r) => !exact.includes(r))];
        if (mine !== seq) return;
      }
      // Street and community pages whose name starts with the query go first: on a big
      // site hundreds of grid pages repeat "某某社区" and outrank the community's own page.
      if (query) {
        const places = await pf.search(query, { filters: { ...filters, kind: { any: ["街道", "社区"] } } });
        const firsts = [];
        for (const r of places.results.slice(0, 3)) {
          const d = await r.data();
          if (readable(d.meta?.title).startsWith(query)) firsts.push(r);
        }
        if (firsts.length) search.results = [...firsts, ...search.results.filter((r) => !firsts.some((f) => f.id === r.id))];
        if (mine !== seq) return;
      }
      current = { results: search.results, shown: 0 };
      list.replaceChildren();
      if (!search.results.length) { setStatus(T.none); more.hidden = true; return; }
      await showMore();
      if (mine !== seq) return;
      setStatus(`找到 ${search.results.length} 个页面`);
      window.__gbSearchTimings.push({ query, filters, ms: performance.now() - t0, results: search.results.length });
      root.dispatchEvent(new CustomEvent("gb-search-results", { detail: { query, count: search.results.length } }));
    } catch (e) {
      console.error("Pagefind search failed", e);
      if (mine === seq) { list.replaceChildren(); setStatus(T.failed); }
    }
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", run);
  for (const s of Object.values(selects)) s.addEventListener("change", () => {
    if (s === selects.street) { selects.community.value = ""; engine().then(fillFilters).catch(() => {}); }
    run();
  });
  more.addEventListener("click", showMore);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", () => { setTimeout(() => { run(); input.focus(); }); });
  toggle.addEventListener("change", () => {
    if (toggle.checked) { warm(); setTimeout(() => input.focus(), 50); } // after Material's CSS transition starts
  });
  list.addEventListener("click", (e) => { if (e.target.closest("a")) close(); });
  document.addEventListener("keydown", (e) => {
    const typing = e.target instanceof HTMLElement && e.target.closest("input, select, textarea, [contenteditable]");
    if (e.key === "Escape" && toggle.checked) { e.preventDefault(); close(); }
    else if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s" || e.key === "f")) {
      e.preventDefault(); open(); input.focus();
    }
  });
})();
