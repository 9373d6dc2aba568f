//===--- HtmlAssets.cpp - The HTML report's style and script ---------------===//
//
// Inlined into every report: the page loads nothing (no network, no fonts,
// no external scripts), and its Content-Security-Policy forbids it to.
//
// The script filters by check and severity on the client. Filters can be
// preset in the address's fragment, e.g. report.html#hide=resilience-
// unbounded-retry&severity=error, and changing them updates the fragment,
// so a filtered view can be shared as a link.
//
//===----------------------------------------------------------------------===//

namespace resilience {

extern const char *const HtmlStyle = R"css(
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#ffffff; --soft:#f6f8fa;
        --warn:#9a6700; --err:#d1242f; --ok:#1a7f37; --note:#0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
       color: var(--fg); background: var(--bg); }
header, main { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 20px; border-bottom: 1px solid var(--line); }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 10px; }
h3 { font-size: 15px; margin: 0 0 6px; }
code, pre { font: 12.5px/1.45 ui-monospace, "DejaVu Sans Mono", monospace; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px;
      padding: 8px 10px; overflow-x: auto; margin: 6px 0; }
table { border-collapse: collapse; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; }
td.n { text-align: right; }
.muted { color: var(--muted); }
#filters { position: sticky; top: 0; background: var(--bg); padding: 10px 0;
           border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap;
           gap: 6px 16px; align-items: center; z-index: 1; }
#filters label { white-space: nowrap; }
.summary-grid { display: flex; gap: 32px; flex-wrap: wrap; }
article { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px;
          margin: 10px 0; }
article.review { border-left: 4px solid var(--warn); }
article.review.complete { border-left-color: var(--ok); }
article.finding.error { border-left: 4px solid var(--err); }
article.finding.warning { border-left: 4px solid var(--warn); }
.sev { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px;
       color: #fff; background: var(--warn); }
.sev.error { background: var(--err); }
.sev.note { background: var(--note); }
ul.checklist { list-style: none; padding-left: 0; margin: 6px 0; }
ul.checklist li { padding: 2px 0; }
ul.checklist li .mark { display: inline-block; width: 1.4em; font-weight: bold; }
li.present .mark { color: var(--ok); }
li.missing .mark { color: var(--err); }
li.unknown .mark, li.not-needed .mark { color: var(--muted); }
.line-hit { background: #fff8c5; display: block; }
.notes { margin: 4px 0; padding-left: 20px; }
[hidden] { display: none !important; }
)css";

extern const char *const HtmlScript = R"js(
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input.f-check'));
  var severity = document.getElementById('f-severity');
  var items = Array.prototype.slice.call(document.querySelectorAll('article[data-check]'));
  var rank = { note: 0, warning: 1, error: 2 };
  function readHash() {
    var h = decodeURIComponent(location.hash.replace(/^#/, ''));
    h.split('&').forEach(function (part) {
      var kv = part.split('=');
      if (kv[0] === 'hide') {
        var hide = kv.slice(1).join('=').split(',');
        boxes.forEach(function (b) { b.checked = hide.indexOf(b.value) < 0; });
      } else if (kv[0] === 'severity' && rank.hasOwnProperty(kv[1])) {
        severity.value = kv[1];
      }
    });
  }
  function writeHash() {
    var hide = boxes.filter(function (b) { return !b.checked; })
                    .map(function (b) { return b.value; });
    var parts = [];
    if (hide.length) parts.push('hide=' + hide.join(','));
    if (severity.value !== 'note') parts.push('severity=' + severity.value);
    var h = parts.join('&');
    if (h !== decodeURIComponent(location.hash.replace(/^#/, '')))
      history.replaceState(null, '', h ? '#' + h : location.pathname);
  }
  function apply() {
    var on = {};
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    var min = rank[severity.value];
    var shown = 0;
    items.forEach(function (a) {
      var visible = on[a.getAttribute('data-check')] !== false &&
                    rank[a.getAttribute('data-severity')] >= min;
      a.hidden = !visible;
      if (visible) shown++;
    });
    document.getElementById('shown-count').textContent =
        'Showing ' + shown + ' of ' + items.length;
    ['reviews', 'findings'].forEach(function (id) {
      var s = document.getElementById(id);
      if (!s) return;
      var any = s.querySelector('article[data-check]:not([hidden])');
      s.querySelector('.none-shown').hidden = !!any;
    });
  }
  readHash();
  boxes.forEach(function (b) { b.addEventListener('change', function () { apply(); writeHash(); }); });
  severity.addEventListener('change', function () { apply(); writeHash(); });
  window.addEventListener('hashchange', function () { readHash(); apply(); });
  apply();
  document.body.setAttribute('data-ready', 'true');
})();
)js";

} // namespace resilience
