#!/bin/sh
# Renders src/ui/icon.svg to public/icon/<size>.png with headless Chromium. Run from the repo root
# after editing the SVG, then look at the 128 px result before committing the PNGs.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for size in 16 32 48 128; do
  printf '<!doctype html><style>html,body{margin:0;background:transparent;overflow:hidden}img{display:block;width:%spx;height:%spx}</style><img src="file://%s/src/ui/icon.svg">' \
    "$size" "$size" "$PWD" >"$work/$size.html"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --allow-file-access-from-files \
    --default-background-color=00000000 --force-device-scale-factor=1 --window-size="$size,$size" \
    --screenshot="public/icon/$size.png" "file://$work/$size.html" 2>/dev/null
done
