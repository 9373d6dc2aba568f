"""Asserts on the DOM Chromium rendered from the examples' HTML report."""
import html.parser
import sys


class Dom(html.parser.HTMLParser):
    """Articles (with their attributes and text), and text by element id."""

    def __init__(self, text):
        super().__init__()
        self.articles, self.by_id, self.stack = [], {}, []
        self.ready = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'body' and a.get('data-ready') == 'true':
            self.ready = True
        if tag == 'article':
            self.articles.append({'attrs': a, 'text': ''})
        self.stack.append((tag, a.get('id'), a))
        if a.get('id'):
            self.by_id[a['id']] = {'attrs': a, 'text': ''}

    def handle_endtag(self, tag):
        while self.stack:
            t, _, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        for _, i, _ in self.stack:
            if i:
                self.by_id[i]['text'] += data
        if any(t == 'article' for t, _, _ in self.stack) and self.articles:
            self.articles[-1]['text'] += data


def load(path):
    with open(path, encoding='utf-8') as f:
        return Dom(f.read())


def visible(dom):
    return [a for a in dom.articles if 'hidden' not in a['attrs']]


full, no_timeout, errors = (load(p) for p in sys.argv[1:4])
assert full.ready, 'the page script did not run'

# Counts: 7 findings (4 of them stand behind the payment loop's review item),
# 2 retry loops; 5 articles: 2 review items, 3 other findings.
assert full.by_id['finding-count']['text'] == '7', full.by_id['finding-count']
assert full.by_id['loop-count']['text'] == '2', full.by_id['loop-count']
reviews = [a for a in full.articles if 'review' in a['attrs']['class'].split()]
findings = [a for a in full.articles if 'finding' in a['attrs']['class'].split()]
assert len(reviews) == 2 and len(findings) == 3, (len(reviews), len(findings))
assert len(visible(full)) == 5, len(visible(full))
assert full.by_id['shown-count']['text'] == 'Showing 5 of 5', full.by_id['shown-count']

# A finding's text, and its code excerpt.
pay = [a for a in findings if "handle 'curl_' that has only a connect timeout" in a['text']]
assert len(pay) == 1, [a['text'][:80] for a in findings]
assert 'return curl_easy_perform(curl_);' in pay[0]['text'], pay[0]['text']

# The payment loop's review item: 0 of 3, each guardrail missing.
loop = [a for a in reviews if 'HttpClient::post_json' in a['text']]
assert len(loop) == 1, [a['text'][:80] for a in reviews]
assert '0 of 3 guardrails' in loop[0]['text'], loop[0]['text']
for title in ('exponential backoff with jitter', 'a cap on attempts',
              'an idempotency key made once'):
    assert title + ' (missing)' in loop[0]['text'], (title, loop[0]['text'])
assert 'kMaxAttempts' in loop[0]['text'], 'no rewrite'

# The check filter hides the 3 timeout findings and nothing else.
shown = visible(no_timeout)
assert len(shown) == 2, [a['attrs']['data-check'] for a in shown]
assert all(a['attrs']['data-check'] != 'resilience-missing-timeout' for a in shown)
assert no_timeout.by_id['shown-count']['text'] == 'Showing 2 of 5'
assert len([a for a in no_timeout.articles
            if a['attrs']['data-check'] == 'resilience-missing-timeout'
            and 'hidden' in a['attrs']]) == 3

# The severity filter: no errors, so nothing shows, and the page says so.
assert visible(errors) == [], [a['attrs'] for a in visible(errors)]
assert errors.by_id['shown-count']['text'] == 'Showing 0 of 5'
print('dom ok')
