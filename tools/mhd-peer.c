/* A minimal libmicrohttpd 0.9.75 server for tools/compare-http-servers.mjs: answers every request
 * whose head MHD accepted with 200 and the body's length, so the comparison sees what MHD itself
 * refuses. Options as a careful owner would set them: strict parsing (MHD_OPTION_STRICT_FOR_CLIENT
 * 1), a 32 KiB memory limit per connection, a 10 s connection timeout, 64 connections per IP.
 *   cc tools/mhd-peer.c -o build/mhd-peer $(pkg-config --cflags --libs libmicrohttpd)
 *   build/mhd-peer PORT        (prints "listening" once it does)
 */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *data, size_t *size, void **state) {
  (void)cls, (void)url, (void)method, (void)version, (void)data;
  static int first;
  if (*state == NULL) {
    *state = &first;
    return MHD_YES;
  }
  if (*size) {
    *size = 0;
    return MHD_YES;
  }
  static const char ok[] = "{\"success\":1}";
  struct MHD_Response *r = MHD_create_response_from_buffer(strlen(ok), (void *)ok, MHD_RESPMEM_PERSISTENT);
  enum MHD_Result ret = MHD_queue_response(c, 200, r);
  MHD_destroy_response(r);
  return ret;
}

int main(int argc, char **argv) {
  const unsigned short port = (unsigned short)atoi(argc > 1 ? argv[1] : "0");
  struct MHD_Daemon *d = MHD_start_daemon(
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, port, NULL, NULL, answer, NULL,
      MHD_OPTION_STRICT_FOR_CLIENT, (int)1, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32768,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)10, MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)64,
      MHD_OPTION_END);
  if (!d) return 1;
  printf("listening\n");
  fflush(stdout);
  pause();
  return 0;
}
