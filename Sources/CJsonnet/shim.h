// Debian's libjsonnet-dev installs the header here; the package is installed by `make`.
#include <libjsonnet.h>
