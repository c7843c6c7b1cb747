// Typed wrappers over libcurl's variadic calls, which Swift cannot call directly.
// Keep this file tiny: all policy lives in the HajunHTTP Swift module, the only importer of CCurl.
#ifndef HAJUND_CCURL_SHIM_H
#define HAJUND_CCURL_SHIM_H
#include <curl/curl.h>

typedef size_t (*hj_data_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*hj_progress_callback)(void *context, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                                    curl_off_t ulnow);

static inline CURLcode hj_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode hj_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode hj_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode hj_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode hj_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode hj_setopt_data_callback(CURL *handle, CURLoption option, hj_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode hj_setopt_progress_callback(CURL *handle, hj_progress_callback value) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, value);
}
static inline CURLcode hj_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode hj_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}
#endif
