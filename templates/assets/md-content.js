/* mkdocs-material's partials/javascripts/content.html as a file (no inline script, for the
 * Content-Security-Policy in templates/overrides/main.html). Loaded right after the page content
 * and before Material's bundle, as the inline script ran.
 *
 * - With the content.tabs.link feature (data-md-tabs-link on the script tag): select the content
 *   tabs the reader chose last time (Material stores their labels under "__tabs").
 * - Always: if the URL's #hash names a content tab's radio input, select that tab.
 */
(() => {
  "use strict";
  if ("mdTabsLink" in document.currentScript.dataset) {
    const tabs = window.__md_get("__tabs");
    if (Array.isArray(tabs)) {
      sets: for (const set of document.querySelectorAll(".tabbed-set")) {
        const labels = set.querySelector(".tabbed-labels");
        for (const tab of tabs) {
          for (const label of labels.getElementsByTagName("label")) {
            if (label.innerText.trim() === tab) {
              document.getElementById(label.htmlFor).checked = true;
              continue sets;
            }
          }
        }
      }
    }
  }
  const target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
