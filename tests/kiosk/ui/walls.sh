#!/bin/sh
# The window talks to the back end only through KioskBackend (backend/backend.hpp) and its loader: no header of a
# back-end part (ledger, settings, admin, printer, export, receipts, headless...) is included under kiosk/ui, the
# ledger is never reached around the facade, and the window never reads or writes the settings file itself. What the
# two share (Status, the placeholder filler, the receipts' words and locale, bounded reads) lives in kiosk/common.
# Fails with the offending lines.
set -eu
ui=${1:?usage: walls.sh kiosk/ui}
allowed='backend/(backend|kiosk_loader)\.hpp'
failed=0
if grep -rnE '#include "backend/' "$ui" | grep -vE "#include \"$allowed\""; then
    echo "kiosk/ui may include only backend/backend.hpp and backend/kiosk_loader.hpp of the back end's parts" >&2
    failed=1
fi
if grep -rnE '\.ledger\(\)|write_file_atomic|config_path|load_settings|apply_settings\(|"overrides"' "$ui"; then
    echo "kiosk/ui reaches around KioskBackend (the ledger, the settings file or its format)" >&2
    failed=1
fi
[ "$failed" = 0 ] || exit 1
echo "ok: kiosk/ui ($(find "$ui" -name '*.cpp' -o -name '*.hpp' | wc -l) files) uses the back end only through KioskBackend"
