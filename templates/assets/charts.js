/* Charts' number tables (builder/charts/figure.py): open on wide screens and in elder mode, where
 * there is room beside or under the chart; on phones they stay collapsed under it (the bars carry
 * their numbers). A file of this site, not an inline script: the Content-Security-Policy forbids
 * those. Without JavaScript every table is one tap away. */
(function () {
  var wide = window.matchMedia && window.matchMedia("(min-width: 60em)").matches;
  var elder = document.documentElement.classList.contains("gb-elder");
  if (!wide && !elder) return;
  var tables = document.querySelectorAll("details.gb-chart-data");
  for (var i = 0; i < tables.length; i++) tables[i].open = true;
})();
