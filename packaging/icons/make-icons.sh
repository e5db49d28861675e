#!/usr/bin/env bash
# Make the PNG icons (hicolor sizes) and the Windows .ico from phuluc.svg.
# Needs: rsvg-convert (librsvg2-bin) and icotool (icoutils).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/build}
mkdir -p "$out"
for size in 16 24 32 48 64 128 256; do
  rsvg-convert -w "$size" -h "$size" "$here/phuluc.svg" -o "$out/phuluc-$size.png"
done
# The 256 px image is stored as PNG (-r), as Windows Vista and later expect: as a bitmap it
# alone would be 256 KB of the exe, of the installer and of its uninstaller.
icotool -c -o "$out/phuluc.ico" "$out"/phuluc-{16,24,32,48,64,128}.png -r "$out/phuluc-256.png"
echo "icons in $out"
