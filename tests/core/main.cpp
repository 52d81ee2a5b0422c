// doctest's runner for the core suite; the same file builds natively and for node.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
