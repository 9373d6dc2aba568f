#include <curl/curl.h>

#define FETCH_TIMEOUT_MS 2000L
