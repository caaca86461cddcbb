"""Charts drawn at build time as inline SVG: no script, no request to another host.

svg.py writes elements with every value escaped; bars.py and tree.py lay out a bar chart and a
tree diagram; figure.py puts a chart beside a table of the same numbers (a <details>, collapsed
on phones); site.py makes the site's charts from the catalog (wishes by month, a showcase's star
history, the party-organisation tree). Text in a chart is sized in the page's em, so it grows
with elder mode and the reader's text size; every chart names its numbers in its text
alternative (role="img", <title> and <desc>)."""
