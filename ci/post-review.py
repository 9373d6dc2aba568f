#!/usr/bin/env python3
"""post-review.py REVIEW_JSON

Posts the pull-request review that `resilience-tidy --format=review` wrote
(its "review" object: event, body, one comment per retry loop) to GitHub's
"create a review for a pull request" endpoint, for the commit the pull
request's head is at. Used by action.yml; standard library only.

Environment: GITHUB_API_URL (default https://api.github.com),
GITHUB_REPOSITORY (owner/name), RT_PR (the pull request's number),
RT_HEAD_SHA (its head commit), RT_TOKEN (a token allowed to write pull
requests).

GitHub rejects the whole review (422) when a comment points at a line
outside the diff; the review is then posted again with the comments in its
body, so the reviewer still gets them. Nothing here fails the job: a review
that cannot be posted is reported on standard error, and the analysis step
decides the job's result.
"""
import json
import os
import re
import sys
import urllib.error
import urllib.request


def post(url, token, payload):
    req = urllib.request.Request(
        url, data=json.dumps(payload).encode('utf-8'), method='POST',
        headers={'Accept': 'application/vnd.github+json',
                 'Authorization': 'Bearer ' + token,
                 'X-GitHub-Api-Version': '2022-11-28',
                 'Content-Type': 'application/json',
                 'User-Agent': 'resilience-tidy'})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as e:
        return e.code
    except (urllib.error.URLError, OSError) as e:
        print('resilience-tidy: cannot reach the GitHub API: %s' % type(e).__name__,
              file=sys.stderr)
        return 0


def main():
    with open(sys.argv[1], encoding='utf-8') as f:
        review = json.load(f)['review']
    comments = review.get('comments', [])
    if not comments:
        print('resilience-tidy: no retry loop on the changed lines misses a guardrail; no review posted')
        return 0
    api = os.environ.get('GITHUB_API_URL') or 'https://api.github.com'
    repo = os.environ.get('GITHUB_REPOSITORY', '')
    pr = os.environ.get('RT_PR', '')
    sha = os.environ.get('RT_HEAD_SHA', '')
    token = os.environ.get('RT_TOKEN', '')
    if not re.fullmatch(r'[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+', repo) or \
       not re.fullmatch(r'[0-9]+', pr) or not re.fullmatch(r'[0-9a-f]{40}', sha):
        print('resilience-tidy: not a pull request of a repository; no review posted',
              file=sys.stderr)
        return 0
    url = '%s/repos/%s/pulls/%s/reviews' % (api.rstrip('/'), repo, pr)
    payload = {'commit_id': sha, 'event': review.get('event', 'COMMENT'),
               'body': review.get('body', ''), 'comments': comments}
    status = post(url, token, payload)
    if status == 422:
        # A line outside the diff: the same review, comments in the body.
        body = payload['body']
        for c in comments:
            lines = str(c['line'])
            if 'start_line' in c:
                lines = '%s-%s' % (c['start_line'], c['line'])
            body += '\n\n---\n\n`%s:%s`\n\n%s' % (c['path'], lines, c['body'])
        payload = {'commit_id': sha, 'event': payload['event'], 'body': body}
        status = post(url, token, payload)
    if 200 <= status < 300:
        print('resilience-tidy: posted a review with %d comment(s)' % len(comments))
    else:
        print('resilience-tidy: the review could not be posted (HTTP %d)' % status,
              file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main())
