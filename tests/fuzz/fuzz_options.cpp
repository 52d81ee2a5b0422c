// Sanitizer defaults built into every fuzz target, so a crash input reproduces with a bare `./fuzz_x input`:
// UBSan halts on any finding except the known third-party ones listed in ubsan.supp.
extern "C" const char* __ubsan_default_options() {
    return "halt_on_error=1:print_stacktrace=1:suppressions=" RETURNLOOP_FUZZ_DIR "/ubsan.supp";
}
