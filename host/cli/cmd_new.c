/* placeholder */
#include "cli/cli.h"
int hk_cmd_new(int argc, char **argv) { (void)argc; (void)argv; return 2; }
