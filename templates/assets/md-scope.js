/* mkdocs-material's partials/javascripts/base.html as a file, so that pages need no inline script
 * and can carry a strict Content-Security-Policy (templates/overrides/main.html).
 *
 * Defines the same globals Material's bundle and partials expect: __md_scope (the site root, where
 * Material keys its localStorage entries), __md_hash, __md_get, __md_set. Material writes the scope
 * into each page as a relative URL ("../.." at depth 2); this file lives at
 * assets/gridboard/md-scope.js, so the site root is "../.." from its own URL, whatever the page's
 * depth and whether the site sits in a sub-folder. A data-md-scope attribute (the theme's
 * extra.scope) overrides it, resolved against the page as Material does.
 */
(() => {
  "use strict";
  const me = document.currentScript;
  const scope = me.dataset.mdScope;
  window.__md_scope = scope ? new URL(scope, location) : new URL("../..", me.src);
  window.__md_hash = (value) => [...value].reduce((hash, c) => (hash << 5) - hash + c.charCodeAt(0), 0);
  window.__md_get = (key, storage = localStorage, base = window.__md_scope) =>
    JSON.parse(storage.getItem(base.pathname + "." + key));
  window.__md_set = (key, value, storage = localStorage, base = window.__md_scope) => {
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (e) {
      // storage full or disabled (private browsing): Material works on without remembering
    }
  };
})();
