#!/bin/sh
# Screens draw interactive items only through kiosk/ui/widgets.cpp, whose every item enters the frame audit that the
# ui_screens suite checks for duplicate IDs and small touch targets. A direct ImGui button or field here would escape
# both checks, so this test fails on one (and prints where it is).
set -eu
screens=${1:?usage: widgets_only.sh kiosk/ui/screens}
pattern='ImGui::(Button|SmallButton|InvisibleButton|ArrowButton|ImageButton|Checkbox|RadioButton|Selectable|InputText|InputInt|InputFloat|InputDouble|SliderFloat|SliderInt|DragFloat|DragInt|Combo|BeginCombo|MenuItem|TreeNode|CollapsingHeader|ColorEdit|ColorPicker|ListBox)[A-Za-z]*\('
if grep -nE "$pattern" "$screens"/*.cpp; then
    echo "screens must use the widgets in kiosk/ui/widgets.hpp for anything a user can press or type into" >&2
    exit 1
fi
echo "ok: $(ls "$screens"/*.cpp | wc -l) screen files draw interactive items only through the audited widgets"
