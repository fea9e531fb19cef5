/* ismspack command line: options and the pipeline; the only place that exits. */
#include "base/diag.h"
#include <stdio.h>
int main(int argc, char **argv) { (void)argc; (void)argv; puts("ismspack " ISMS_VERSION); return 0; }
