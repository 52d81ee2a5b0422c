// doctest's runner for the kiosk UI suites (headless: an ImGui context without a window).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
