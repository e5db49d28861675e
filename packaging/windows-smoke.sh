#!/usr/bin/env bash
# Smoke test of the Windows build under Wine, run by hand before a release (not in CI: it
# needs the cross-built exe, Wine and a minute or two). See packaging/README.md.
#
#   packaging/windows-smoke.sh [phuluc.exe [phuluc-<version>-setup.exe]]
#
# The exe defaults to the one packaging/build.sh cross-builds
# ($HOME/.cache/phuluc-win/x86_64-pc-windows-gnu/dist/phuluc.exe); the installer to
# target/dist/phuluc-<version>-setup.exe, or, when there is none, one made here with makensis
# from the exe under test. Everything happens in a fresh WINEPREFIX (and HOME) under mktemp -d,
# on a private Xvfb display (1600x900: room for the 1366x768 window); nothing outside it is
# touched except docs/windows-wine.png, the screenshot of the window. KEEP=1 keeps the
# temporary folder for a look afterwards.
#
# Every step prints PASS or FAIL with the reason. Exit status: 0 all passed, 1 a step failed,
# 2 a needed tool or the exe is missing.
#
# Needs: wine64 (Debian: wine64, or wine), xvfb (Xvfb), xdotool, imagemagick (import),
# poppler-utils (pdftotext), gcc-mingw-w64-x86-64 (for the bcryptprimitives.dll stand-in,
# packaging/windows/prng-shim.c), python3, and nsis when no installer is given.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n 1)
dist="${CARGO_TARGET_DIR:-$root/target}/dist"
exe=${1:-$HOME/.cache/phuluc-win/x86_64-pc-windows-gnu/dist/phuluc.exe}
setup=${2:-$dist/phuluc-$version-setup.exe}
screenshot="$root/docs/windows-wine.png"
started=$SECONDS

failures=0
pass() { printf 'PASS  %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; failures=$((failures + 1)); }
info() { printf '      %s\n' "$*"; }

# --- Tools -------------------------------------------------------------------------------------
wine=$(command -v wine64 || { test -x /usr/lib/wine/wine64 && echo /usr/lib/wine/wine64; } || command -v wine || true)
wineserver=$(command -v wineserver || { test -x /usr/lib/wine/wineserver && echo /usr/lib/wine/wineserver; } || true)
missing=()
[[ -n $wine ]] || missing+=("wine64 (apt-get install wine64)")
[[ -n $wineserver ]] || missing+=("wineserver (apt-get install wine64)")
for tool in Xvfb:xvfb xdotool:xdotool import:imagemagick pdftotext:poppler-utils \
  x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64 python3:python3 timeout:coreutils; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool%%:*} (apt-get install ${tool#*:})")
done
if ((${#missing[@]})); then
  for m in "${missing[@]}"; do fail "missing tool: $m"; done
  exit 2
fi
if [[ ! -f $exe ]]; then
  fail "no exe at $exe (build it: packaging/build.sh --windows, or give its path)"
  exit 2
fi
# Wine turns the command line into UTF-16 with the locale's charset: Vietnamese file names
# need a UTF-8 locale.
if [[ $(locale charmap 2>/dev/null) != UTF-8 ]]; then
  export LC_ALL=C.UTF-8
fi

# --- A fresh Wine, a private X display -----------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/phuluc-wine.XXXXXX")
# Wine links the Windows Desktop and Documents folders to the XDG ones of $HOME: a HOME of
# our own keeps shortcuts and test files out of the real one.
export HOME="$tmp/home" WINEPREFIX="$tmp/prefix" WINEDEBUG=-all
# No .desktop files from Wine's menu builder; no Mono/Gecko download prompts.
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=;mshtml="
mkdir -p "$HOME/.config" "$HOME/Desktop" "$HOME/Documents"
printf 'XDG_DESKTOP_DIR="%s/Desktop"\nXDG_DOCUMENTS_DIR="%s/Documents"\n' "$HOME" "$HOME" \
  >"$HOME/.config/user-dirs.dirs"

xvfb_pid=
gui_pid=
cleanup() {
  [[ -n $gui_pid ]] && kill "$gui_pid" 2>/dev/null
  "$wineserver" -k 2>/dev/null
  [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null
  if [[ ${KEEP:-0} == 1 ]]; then
    echo "kept $tmp"
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT

# Xvfb picks a free display number itself and writes it to fd 3.
exec 3>"$tmp/display"
Xvfb -displayfd 3 -screen 0 1600x900x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
exec 3>&-
for _ in $(seq 50); do [[ -s $tmp/display ]] && break; sleep 0.1; done
if [[ ! -s $tmp/display ]]; then
  fail "Xvfb did not start: $(tail -n 3 "$tmp/xvfb.log")"
  exit 1
fi
export DISPLAY=":$(head -n 1 "$tmp/display")"

# Prefix creation on the first run takes 10–30 s; wait for all of it (wineserver -w).
t0=$SECONDS
timeout 300 "$wine" wineboot -i >"$tmp/wineboot.log" 2>&1
timeout 300 "$wineserver" -w
if [[ -f $WINEPREFIX/system.reg ]]; then
  pass "fresh Wine prefix ($("$wine" --version 2>/dev/null), $((SECONDS - t0)) s, display $DISPLAY)"
else
  fail "wineboot did not make a prefix: $(tail -n 3 "$tmp/wineboot.log")"
  exit 1
fi

# Run a Windows program with a time limit; its stdout, with Wine's CRs removed, in $out.
run() {
  local limit=$1
  shift
  timeout "$limit" "$wine" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  ((rc == 124)) && echo "(no answer within $limit s: a dialog waiting under Xvfb?)" >>"$tmp/err"
  out=$(tr -d '\r' <"$tmp/out")
  return $rc
}
winpath() { "$wine" winepath -w "$1" 2>/dev/null | tr -d '\r'; }
has_fffd() { grep -q $'\xef\xbf\xbd' <<<"$1"; }

# --- The exe in a test folder, the ProcessPrng stand-in beside it -----------------------------
app="$WINEPREFIX/drive_c/phuluc-test"
mkdir -p "$app"
cp "$exe" "$app/phuluc.exe"
if x86_64-w64-mingw32-gcc -shared -O2 -o "$app/bcryptprimitives.dll" \
  "$root/packaging/windows/prng-shim.c" -lbcrypt 2>"$tmp/gcc.log"; then
  pass "bcryptprimitives.dll stand-in built beside the exe (Wine 8 has no ProcessPrng)"
else
  fail "prng-shim.c did not build: $(head -n 5 "$tmp/gcc.log")"
fi

run 60 "$app/phuluc.exe" --version
rc=$?
if [[ $rc == 0 && $out == "phuluc $version" ]]; then
  pass "phuluc.exe --version: $out"
else
  fail "phuluc.exe --version: exit $rc, printed '$out' (expected 'phuluc $version') $(head -c 300 "$tmp/err")"
fi

# --- check, on a folder and a file with Vietnamese letters ------------------------------------
reports="$HOME/Documents/Báo cáo"
mkdir -p "$reports"
good="$reports/Ngã Năm 2021.phuluc.json"
bad="$reports/Ngã Năm 2021 – sai.phuluc.json"
cp "$root/assets/examples/nga-nam-2021.phuluc.json" "$good"
# An error: dossiers settled (III.6.2) more than received (III.6.1, 5068 in the example).
python3 - "$good" "$bad" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
report["values"]["III.6.2"]["value"] = 6000
json.dump(report, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
EOF
good_w=$(winpath "$good")
bad_w=$(winpath "$bad")

run 60 "$app/phuluc.exe" check "$good_w"
rc=$?
if [[ $rc == 0 ]] && ! has_fffd "$out"; then
  pass "check “…\\Báo cáo\\Ngã Năm 2021.phuluc.json”: exit 0, no problem"
else
  fail "check on the example: exit $rc (expected 0), printed: $out $(head -c 300 "$tmp/err")"
fi

run 60 "$app/phuluc.exe" check "$bad_w"
rc=$?
expected="III.6.2 Số hồ sơ TTHC do UBND cấp huyện giải quyết và trả kết quả (6.000) lớn hơn III.6.1"
if [[ $rc == 1 && $out == *"$expected"* ]] && ! has_fffd "$out"; then
  pass "check on a report with III.6.2 > III.6.1: exit 1, reads: ${out#*$'\t'*$'\t'}"
else
  fail "check on the report with an error: exit $rc (expected 1), printed: $out $(head -c 300 "$tmp/err")"
fi

# A file that is not there: the message names it, Vietnamese path and all.
reports_w=$(winpath "$reports")
run 60 "$app/phuluc.exe" check "$reports_w\\Không có.phuluc.json"
rc=$?
msg=$(tr -d '\r' <"$tmp/err")$out
if [[ $rc == 2 && $msg == *"Báo cáo\\Không có.phuluc.json"* ]] && ! has_fffd "$msg"; then
  pass "check on a missing file: exit 2, names it right: $msg"
else
  fail "check on a missing file: exit $rc (expected 2), said: $msg"
fi

# --- export to PDF ----------------------------------------------------------------------------
pdf="$reports/Ngã Năm 2021.pdf"
run 120 "$app/phuluc.exe" export "$good_w" -o "$(winpath "$reports")\\Ngã Năm 2021.pdf"
rc=$?
pdf_text=$(pdftotext "$pdf" - 2>/dev/null)
if [[ $rc == 0 && -s $pdf && $pdf_text == *"PHỤ LỤC"* ]]; then
  pass "export -o “Ngã Năm 2021.pdf”: $(wc -c <"$pdf") bytes, pdftotext finds “PHỤ LỤC”"
else
  fail "export to PDF: exit $rc, $( [[ -s $pdf ]] && echo "no “PHỤ LỤC” in the text" || echo "no file") $(head -c 300 "$tmp/err")"
fi

# --- The window ---------------------------------------------------------------------------------
gui="$reports/Cửa sổ.phuluc.json"
cp "$good" "$gui"
gui_w=$(winpath "$gui")
before=$(sha256sum <"$gui")
"$wine" "$app/phuluc.exe" "$gui_w" >"$tmp/gui.log" 2>&1 &
gui_pid=$!
t0=$SECONDS
# Software rendering under Wine: the first frame may take 10–20 s.
wid=$(timeout 120 xdotool search --sync --onlyvisible --name "Phụ lục CCHC" 2>/dev/null | head -n 1)
if [[ -n $wid ]]; then
  title=$(xdotool getwindowname "$wid" 2>/dev/null)
  pass "window “$title” mapped after $((SECONDS - t0)) s"
  # The window is mapped before egui's first frame is drawn: wait until it shows more than
  # a few colours (text), then a little more for the frames after it.
  drawn=
  for _ in $(seq 60); do
    if import -window "$wid" "$tmp/screen.png" 2>/dev/null &&
      (($(identify -format '%k' "$tmp/screen.png" 2>/dev/null || echo 0) > 16)); then
      drawn=1
      break
    fi
    sleep 1
  done
  sleep 3
  xdotool windowfocus --sync "$wid" 2>/dev/null
  mkdir -p "$(dirname "$screenshot")"
  if [[ -n $drawn ]] && import -window "$wid" "$screenshot" 2>/dev/null; then
    pass "window drawn after $((SECONDS - t0)) s; screenshot in ${screenshot#"$root"/} ($(identify -format '%wx%h' "$screenshot" 2>/dev/null))"
  else
    fail "the window stayed blank for 60 s (software rendering under Wine failed?): $(tail -c 600 "$tmp/gui.log")"
  fi

  # Type a number into a cell with the keyboard only: Ctrl+F, the indicator id, Enter goes
  # to its cell (on its section's tab); Ctrl+A replaces the text; Enter commits; Ctrl+S.
  press() { xdotool key --clearmodifiers "$@"; sleep 1.5; }
  press ctrl+f
  xdotool type --delay 80 "III.6.2"
  sleep 1.5
  press Return
  press ctrl+a
  xdotool type --delay 80 "4999"
  sleep 1.5
  press Return
  import -window "$wid" "$tmp/typed.png" 2>/dev/null
  press ctrl+s
  saved=
  for _ in $(seq 20); do
    if [[ $(sha256sum <"$gui") != "$before" ]]; then saved=1; break; fi
    sleep 1
  done
  value=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1],encoding="utf-8"))["values"]["III.6.2"]["value"])' "$gui" 2>&1)
  if [[ -n $saved && $value == 4999 ]]; then
    pass "typed 4999 into III.6.2 and pressed Ctrl+S: the file has it (title now “$(xdotool getwindowname "$wid" 2>/dev/null)”)"
  else
    cp "$tmp/typed.png" "${TMPDIR:-/tmp}/phuluc-wine-typed.png" 2>/dev/null
    fail "Ctrl+S after typing into III.6.2: file $([[ -n $saved ]] && echo changed || echo unchanged), III.6.2 = $value (the window before Ctrl+S: ${TMPDIR:-/tmp}/phuluc-wine-typed.png)"
  fi
else
  fail "no window named “Phụ lục CCHC” within 120 s: $(tail -c 600 "$tmp/gui.log")"
fi
kill "$gui_pid" 2>/dev/null
wait "$gui_pid" 2>/dev/null
gui_pid=
"$wine" taskkill /f /im phuluc.exe >/dev/null 2>&1
timeout 30 "$wineserver" -w

# --- The installer ------------------------------------------------------------------------------
if [[ ! -f $setup ]]; then
  if command -v makensis >/dev/null; then
    setup="$tmp/phuluc-$version-setup.exe"
    if makensis -INPUTCHARSET UTF8 -V2 -DVERSION="$version" -DEXE="$exe" -DROOT="$root" \
      -DOUT="$setup" "$root/packaging/windows/installer.nsi" >"$tmp/makensis.log" 2>&1; then
      info "no $dist/phuluc-$version-setup.exe: made one from the exe under test"
    else
      fail "makensis: $(tail -n 5 "$tmp/makensis.log")"
    fi
  else
    fail "no installer at $setup and no makensis to make one (apt-get install nsis)"
  fi
fi
if [[ -f $setup ]]; then
  users="$WINEPREFIX/drive_c/users/$(id -un)"
  appdata_phuluc="$users/AppData/Roaming/phuluc"
  # What the uninstaller must leave: a report in Documents, the program's data folder.
  mkdir -p "$appdata_phuluc/phuluc/data/recovery"
  echo '{}' >"$appdata_phuluc/phuluc/data/recovery/kept.json"
  mine="$HOME/Documents/Của tôi.phuluc.json"
  cp "$good" "$mine"
  # reg export writes UTF-16; reg query would print Vietnamese in the console code page.
  regtext() {
    rm -f "$tmp/r.reg"
    "$wine" reg export "$1" "$(winpath "$tmp/r.reg")" /y >/dev/null 2>&1 &&
      iconv -f UTF-16 -t UTF-8 "$tmp/r.reg" | tr -d '\r'
  }
  # As if the user's editor owned .json: the installer must leave that as it is.
  "$wine" reg add 'HKCU\Software\Classes\.json' /ve /d jsonfile /f >/dev/null 2>&1
  json_before=$(regtext 'HKCU\Software\Classes\.json')
  # The installed exe has no stand-in beside it: Wine's system folder gets one (test only).
  cp "$app/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/" 2>/dev/null

  run 120 "$setup" /S
  rc=$?
  timeout 60 "$wineserver" -w
  inst="$users/AppData/Local/Programs/phuluc"
  if [[ $rc == 0 && -f $inst/phuluc.exe && -f $inst/uninstall.exe ]]; then
    pass "${setup##*/} /S: exit 0, $(cd "$inst" && find . -type f | sed 's|^\./||' | sort | tr '\n' ' ')"
  else
    fail "${setup##*/} /S: exit $rc, $inst/phuluc.exe $([[ -f $inst/phuluc.exe ]] && echo there || echo missing) $(head -c 300 "$tmp/err")"
  fi
  run 60 'C:\users\'"$(id -un)"'\AppData\Local\Programs\phuluc\phuluc.exe' --version
  rc=$?
  if [[ $rc == 0 && $out == "phuluc $version" ]]; then
    pass "%LOCALAPPDATA%\\Programs\\phuluc\\phuluc.exe --version: $out"
  else
    fail "installed phuluc.exe --version: exit $rc, printed '$out' $(head -c 300 "$tmp/err")"
  fi
  start_lnk="$users/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Phụ lục CCHC.lnk"
  desk_lnk="$HOME/Desktop/Phụ lục CCHC.lnk"
  if [[ -f $start_lnk && -f $desk_lnk ]]; then
    pass "shortcuts “Phụ lục CCHC” in the Start menu and on the desktop"
  else
    fail "shortcuts: Start menu $([[ -f $start_lnk ]] && echo yes || echo no), desktop $([[ -f $desk_lnk ]] && echo yes || echo no)"
  fi
  uninst_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\phuluc'
  reg=$(regtext "$uninst_key")
  if [[ $reg == *'"DisplayName"="Phụ lục CCHC"'* && $reg == *"\"DisplayVersion\"=\"$version\""* &&
    $reg == *'"QuietUninstallString"='*'/S"'* && $reg == *'"EstimatedSize"=dword:'* ]]; then
    pass "Apps & features entry: DisplayName “Phụ lục CCHC”, DisplayVersion $version, QuietUninstallString, EstimatedSize"
  else
    fail "uninstall key $uninst_key: $reg"
  fi
  progid=$(regtext 'HKCU\Software\Classes\phuluc.report')
  json=$(regtext 'HKCU\Software\Classes\.json')
  if [[ $progid == *'phuluc.exe\" \"%1\"'* && $json == *'"phuluc.report"=hex(0):'* && $json == *'@="jsonfile"'* ]]; then
    pass "ProgID phuluc.report with its open command, in .json\\OpenWithProgids; .json still opens with “jsonfile”"
  else
    fail "file association: $progid $json"
  fi

  run 120 "$inst/uninstall.exe" /S
  rc=$?
  # The uninstaller copies itself to %TEMP% and goes on from there: wait for all of it.
  timeout 60 "$wineserver" -w
  left=()
  [[ -e $inst ]] && left+=("$inst: $(cd "$inst" && find . | tr '\n' ' ')")
  [[ -e $start_lnk ]] && left+=("Start-menu shortcut")
  [[ -e $desk_lnk ]] && left+=("desktop shortcut")
  for key in "$uninst_key" 'HKCU\Software\Classes\phuluc.report' 'HKCU\Software\Classes\Applications\phuluc.exe' \
    'HKCU\Software\Microsoft\Windows\CurrentVersion\App Paths\phuluc.exe'; do
    "$wine" reg query "$key" >/dev/null 2>&1 && left+=("$key")
  done
  json_after=$(regtext 'HKCU\Software\Classes\.json')
  [[ $json_after == "$json_before" ]] || left+=(".json changed: $json_after")
  if [[ $rc == 0 && ${#left[@]} == 0 ]]; then
    pass "uninstall.exe /S: exit 0; program folder, shortcuts and registry keys gone, .json as before"
  else
    fail "uninstall.exe /S: exit $rc; left behind: ${left[*]}"
  fi
  if [[ -f $mine && -f $good && -f $appdata_phuluc/phuluc/data/recovery/kept.json ]]; then
    pass "after uninstalling, the reports in Documents and %APPDATA%\\phuluc are still there"
  else
    fail "uninstalling removed user data: Documents report $([[ -f $mine ]] && echo kept || echo GONE), %APPDATA%\\phuluc $([[ -f $appdata_phuluc/phuluc/data/recovery/kept.json ]] && echo kept || echo GONE)"
  fi
fi

echo
if ((failures == 0)); then
  echo "windows smoke test: all passed ($((SECONDS - started)) s; exe $exe)"
else
  echo "windows smoke test: $failures failed ($((SECONDS - started)) s; KEEP=1 keeps the Wine prefix)"
fi
((failures == 0)) || exit 1
exit 0
