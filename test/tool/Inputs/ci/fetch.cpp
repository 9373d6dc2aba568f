#include <curl/curl.h>

void fetch() {
  CURL *h = curl_easy_init();
  curl_easy_perform(h);
}

void fetch_twice() {
  CURL *a = curl_easy_init();
  curl_easy_perform(a); curl_easy_perform(a);
}
