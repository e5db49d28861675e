#!/usr/bin/env bash
# Build the installable artifacts into target/dist/ (see packaging/README.md).
#   packaging/build.sh          the Linux .deb
#   packaging/build.sh --check  only check that the packaging files are consistent (CI)
# Needs: rsvg-convert (librsvg2-bin), icotool (icoutils), cargo-deb (cargo install cargo-deb).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
dist="${CARGO_TARGET_DIR:-$root/target}/dist"

if [[ ${1:-} == --check ]]; then
  desktop-file-validate packaging/linux/phuluc.desktop 2>/dev/null || grep -q '^Exec=phuluc' packaging/linux/phuluc.desktop
  grep -q 'package.metadata.deb' Cargo.toml
  test -s packaging/icons/phuluc.svg
  echo "packaging files ok (version $version)"
  exit 0
fi

bash packaging/icons/make-icons.sh "$root/packaging/icons/build"
cargo build --release --locked
cargo deb --no-build --locked
mkdir -p "$dist"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
cp "$target_dir"/debian/phuluc_"$version"*.deb "$dist/"
ls -l "$dist"
