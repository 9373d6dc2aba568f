#!/usr/bin/env python3
"""deep_ast.py <dir>: writes sources whose expressions and statements nest
far deeper than any analysis should follow (clang parses them all), one per
analysis that walks the AST: handle flow (a timeout argument), string
values (a URL built by concatenation), delay reading (a sleep argument in a
retry loop), conditions (an if/else-if chain), parentheses, nested calls,
nested blocks, call-site chains. Each is a real finding or a real trap, so
the checks must run to the end: silent past their depth cap, never a
crash."""
import os
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
N = 18000


def write(name, text):
    with open(os.path.join(out, name), 'w') as f:
        f.write(text)


plus = '+'.join(['x'] * N)
# The string resolver's cost grows with the terms of a concatenation: fewer
# terms there keep the test quick (still far past every depth cap).
plus_short = '+'.join(['x'] * 6000)
write('timeout-arg.cpp', '''#include <curl/curl.h>
long x = 1;
void f() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, %s);
  curl_easy_perform(h);
}
''' % plus)
write('url-concat.cpp', '''#include <curl/curl.h>
#include <string>
std::string x = "/v1/charges";
void f() {
  CURL *h = curl_easy_init();
  std::string url = %s;
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_perform(h);
}
''' % plus_short)
write('sleep-arg.cpp', '''#include <curl/curl.h>
#include <unistd.h>
int x = 1;
void f() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 1000L);
  for (int i = 0; i < 5; ++i) {
    if (curl_easy_perform(h) == CURLE_OK) break;
    sleep(%s);
  }
}
''' % plus)
parens = '(' * 700 + 'x' + ')' * 700
write('parens.cpp', '''#include <curl/curl.h>
#include <unistd.h>
long x = 1;
void f() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, %s);
  for (int i = 0; i < 5; ++i) {
    if (curl_easy_perform(h) == CURLE_OK) break;
    sleep(%s);
  }
}
''' % (parens, parens))
cond = ' : '.join(['x == %d ? %d' % (i, i) for i in range(3000)]) + ' : 0'
write('conditional.cpp', '''#include <curl/curl.h>
long x = 1;
void f() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)(%s));
  curl_easy_perform(h);
}
''' % cond)
chain = '\n  else '.join(['if (x == %d) curl_easy_perform(h);' % i for i in range(3000)])
write('else-if.cpp', '''#include <curl/curl.h>
#include <unistd.h>
int x = 1;
void f() {
  CURL *h = curl_easy_init();
  for (;;) {
  %s
  else break;
  sleep(1);
  }
}
''' % chain)
calls = 'g(' * 700 + 'x' + ')' * 700
write('nested-calls.cpp', '''#include <curl/curl.h>
long x = 1;
long g(long v) { return v; }
void f() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, %s);
  curl_easy_perform(h);
}
''' % calls)
blocks = '{' * 700 + 'if (curl_easy_perform(h) == CURLE_OK) return;' + '}' * 700
write('nested-blocks.cpp', '''#include <curl/curl.h>
#include <unistd.h>
void f() {
  CURL *h = curl_easy_init();
  for (;;) {
    %s
    sleep(1);
  }
}
''' % blocks)
funcs = ['void step0(CURL *h) { curl_easy_perform(h); }']
for i in range(1, 3000):
    funcs.append('void step%d(CURL *h) { step%d(h); }' % (i, i - 1))
write('call-chain.cpp', '''#include <curl/curl.h>
#include <unistd.h>
%s
void f() {
  CURL *h = curl_easy_init();
  for (int i = 0; i < 3; ++i) {
    step2999(h);
    sleep(1);
  }
}
''' % '\n'.join(funcs))
# A loop condition of N `&&` terms: the success/failure reading of a test
# and the content-test reading recurse on `&&`; a retry loop all the same.
write('and-chain.cpp', '''#include <curl/curl.h>
#include <unistd.h>
void f() {
  CURL *h = curl_easy_init();
  CURLcode rc;
  do {
    rc = curl_easy_perform(h);
    sleep(1);
  } while (%s);
}
''' % ' && '.join(['rc != CURLE_OK'] * N))
# 1,000 negations of the test that leaves the loop.
write('not-chain.cpp', '''#include <curl/curl.h>
#include <unistd.h>
void f() {
  CURL *h = curl_easy_init();
  for (;;) {
    CURLcode rc = curl_easy_perform(h);
    if (%s(rc == CURLE_OK))
      break;
    sleep(1);
  }
}
''' % ('!' * 1000))
