#!/usr/bin/env bash
# Build the installable artifacts into target/dist/ (or $CARGO_TARGET_DIR/dist/); see
# packaging/README.md.
#   packaging/build.sh            everything: the Linux .deb and the Windows exe, installer, zip
#   packaging/build.sh --linux    only the .deb
#   packaging/build.sh --windows  only the Windows exe, installer and zip
#   packaging/build.sh --check    only check that the packaging files are consistent (CI: fast,
#                                 builds nothing, needs no Windows tools)
# Installs what it needs when it is missing (apt-get, through sudo when not root; cargo-deb with
# cargo install). The Windows exe is cross-built with Debian's Rust (rustc-web, cargo-web,
# rust-web-src: the standard library is built from source with -Zbuild-std, because Windows'
# prebuilt one cannot be downloaded here) in its own target folder, $PHULUC_WIN_TARGET_DIR,
# by default $HOME/.cache/phuluc-win.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
target_dir="${CARGO_TARGET_DIR:-$root/target}"
dist="$target_dir/dist"
win_target_dir="${PHULUC_WIN_TARGET_DIR:-$HOME/.cache/phuluc-win}"
win_triple=x86_64-pc-windows-gnu
win_exe="$win_target_dir/$win_triple/dist/phuluc.exe"
nsi=packaging/windows/installer.nsi

mode=${1:-all}
case $mode in
  all | --linux | --windows | --check) ;;
  *)
    echo "usage: packaging/build.sh [--linux | --windows | --check]" >&2
    exit 2
    ;;
esac

if [[ $mode == --check ]]; then
  desktop-file-validate packaging/linux/phuluc.desktop 2>/dev/null || grep -q '^Exec=phuluc' packaging/linux/phuluc.desktop
  grep -q 'package.metadata.deb' Cargo.toml
  grep -q '"target/release/phuluc"' Cargo.toml # cargo-deb maps it to the profile's folder
  test -s packaging/icons/phuluc.svg
  test -s "$nsi"
  test -s packaging/windows/prng-shim.c
  bash -n packaging/windows-smoke.sh
  for f in README.md assets/fonts/OFL.txt assets/fonts/LiberationSerif-LICENSE.txt \
    assets/examples/nga-nam-2021.phuluc.json; do
    test -s "$f" || { echo "missing $f (the installer and the zip carry it)" >&2; exit 1; }
  done
  if command -v makensis >/dev/null 2>&1; then
    nsisdir=$(makensis -HDRINFO | grep -o 'NSISDIR=[^,]*' | cut -d= -f2)
    test -d "$nsisdir"
    # A whole compile (about a second) with stand-ins for the exe and the icon, which are
    # built, not kept in git.
    check_out=$(mktemp)
    if ! makensis -INPUTCHARSET UTF8 -V2 -DVERSION="$version" -DEXE="$root/README.md" \
      -DROOT="$root" -DICON="$nsisdir/Contrib/Graphics/Icons/modern-install.ico" \
      -DOUT="$check_out" "$nsi" >"$check_out.log" 2>&1; then
      cat "$check_out.log" >&2
      rm -f "$check_out" "$check_out.log"
      exit 1
    fi
    rm -f "$check_out" "$check_out.log"
  fi
  echo "packaging files ok (version $version)"
  exit 0
fi

started=$SECONDS

# --- What the build needs ------------------------------------------------------------------
apt_install() {
  local sudo=
  if [[ $(id -u) != 0 ]]; then
    sudo=$(command -v sudo) || {
      echo "need root or sudo to install: $*" >&2
      exit 1
    }
  fi
  echo "installing: $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}
need=()
command -v rsvg-convert >/dev/null || need+=(librsvg2-bin)
command -v icotool >/dev/null || need+=(icoutils)
if [[ $mode != --linux ]]; then
  [[ -x /usr/bin/rustc ]] || need+=(rustc-web)
  [[ -x /usr/bin/cargo ]] || need+=(cargo-web)
  # The standard library's source, for -Zbuild-std.
  [[ -d /usr/lib/rustlib/src/rust/library/std ]] || need+=(rust-web-src)
  command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
  command -v makensis >/dev/null || need+=(nsis)
  command -v python3 >/dev/null || need+=(python3) # makes the zip (zipfile)
fi
if ((${#need[@]})); then
  apt_install "${need[@]}"
fi
if [[ $mode != --windows ]]; then
  if ! deb_help=$(cargo deb --help 2>/dev/null); then
    cargo install cargo-deb --locked
  elif [[ $deb_help != *--profile* ]]; then
    echo "cargo-deb is too old for --profile: cargo install cargo-deb --locked --force" >&2
    exit 1
  fi
fi

# The icons (PNG for Linux; the .ico that build.rs puts into the exe and NSIS into the installer).
bash packaging/icons/make-icons.sh "$root/packaging/icons/build"
mkdir -p "$dist"
made=()

# --- Linux ------------------------------------------------------------------------------------
if [[ $mode != --windows ]]; then
  cargo build --profile dist --locked
  # The asset "target/release/phuluc" in Cargo.toml is cargo-deb's placeholder: with --profile
  # it packs $target_dir/dist/phuluc.
  rm -f "$dist"/phuluc_*.deb
  cargo deb --profile dist --no-build --locked --output "$dist/"
  made+=("$dist"/phuluc_"$version"*.deb)
fi

# --- Windows ----------------------------------------------------------------------------------
if [[ $mode != --linux ]]; then
  RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc \
    CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
    CARGO_TARGET_DIR="$win_target_dir" \
    /usr/bin/cargo build --profile dist --locked -Zbuild-std=std,panic_abort --target "$win_triple"

  exe_out="$dist/phuluc-$version-windows-x64.exe"
  cp "$win_exe" "$exe_out"
  made+=("$exe_out")

  setup_out="$dist/phuluc-$version-setup.exe"
  makensis -INPUTCHARSET UTF8 -V2 -DVERSION="$version" -DEXE="$win_exe" -DROOT="$root" \
    -DOUT="$setup_out" "$nsi"
  made+=("$setup_out")

  # The portable copy: phuluc-portable.txt beside the exe makes it keep its data in
  # phuluc-data beside itself (src/store/mod.rs). No folder inside the zip: Windows'
  # "Extract all" makes one named after the zip.
  zip_out="$dist/phuluc-$version-windows-x64.zip"
  rm -f "$zip_out"
  python3 - "$zip_out" "$win_exe" "$root" <<'EOF'
import sys, zipfile
out, exe, root = sys.argv[1:]
files = [
    (exe, "phuluc.exe"),
    (None, "phuluc-portable.txt"),
    (f"{root}/README.md", "README.md"),
    (f"{root}/assets/fonts/OFL.txt", "fonts-OFL.txt"),
    (f"{root}/assets/fonts/LiberationSerif-LICENSE.txt", "fonts-LiberationSerif-LICENSE.txt"),
    (f"{root}/assets/examples/nga-nam-2021.phuluc.json", "examples/nga-nam-2021.phuluc.json"),
]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for source, name in files:
        if source is None:
            z.writestr(zipfile.ZipInfo(name, date_time=(2021, 1, 1, 0, 0, 0)), b"")
        else:
            z.write(source, name)
EOF
  made+=("$zip_out")
fi

echo
echo "built in $(((SECONDS - started) / 60)) min $(((SECONDS - started) % 60)) s, in $dist:"
for f in "${made[@]}"; do
  printf '  %8s  %s\n' "$(numfmt --to=iec-i --suffix=B "$(stat -c %s "$f")")" "${f##*/}"
done
