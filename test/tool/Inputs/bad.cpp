#include <curl/curl.h>
void f() {
  CURL *h = curl_easy_init();
  curl_easy_perform(h);
}
