// Debian's librdkafka-dev; the package is installed by `make`.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
