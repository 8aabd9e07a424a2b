#!/bin/sh
# Regenerate the packaging icons from build/icon.svg. The PNG/ICO/ICNS files are committed, so this
# runs only when the mark changes. Needs Debian's librsvg2-bin (rsvg-convert), imagemagick (convert)
# and icnsutils (png2icns): apt-get install librsvg2-bin imagemagick icnsutils
set -eu
cd "$(dirname "$0")"
mkdir -p icons
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert --width "$size" --height "$size" icon.svg --output "$tmp/$size.png"
done
cp "$tmp/1024.png" icon.png
for size in 16 32 48 64 128 256 512 1024; do
  cp "$tmp/$size.png" "icons/${size}x${size}.png"
done
convert "$tmp/16.png" "$tmp/24.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" "$tmp/128.png" "$tmp/256.png" icon.ico
png2icns icon.icns "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/128.png" "$tmp/256.png" "$tmp/512.png" "$tmp/1024.png" >/dev/null
echo "icons written to $(pwd)"
