/* A "plugin" a hostile compile database tries to make the tool load. */
#include <stdio.h>
#include <stdlib.h>
__attribute__((constructor)) static void pwned(void) {
  const char *marker = getenv("EVIL_MARKER");
  FILE *f = fopen(marker ? marker : "/tmp/resilience-tidy-evil-marker", "w");
  if (f) { fputs("loaded\n", f); fclose(f); }
}
