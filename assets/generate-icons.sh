#!/usr/bin/env bash
# Renders the icon files each OS's installer needs from assets/icon.svg:
#   png/icon-<size>.png   Linux (menu icon, window icon)      rsvg-convert (librsvg2-bin)
#   portal-console.ico    Windows (launcher, installer)       ImageMagick (imagemagick)
#   portal-console.icns   macOS (app bundle, dmg)             png2icns (icnsutils)
# The generated files are committed, so building an installer needs none of these tools.
# On Debian: apt-get install -y --no-install-recommends librsvg2-bin imagemagick icnsutils
set -euo pipefail
cd "$(dirname "$0")"

# ImageMagick 6 on Debian installs as /usr/bin/convert; prefer it over any other `convert` on PATH.
convert=/usr/bin/convert
[ -x "$convert" ] || convert=$(command -v magick || command -v convert)

for size in 16 24 32 48 64 128 256 512; do
    rsvg-convert --width "$size" --height "$size" --output "png/icon-$size.png" icon.svg
done

"$convert" png/icon-16.png png/icon-24.png png/icon-32.png png/icon-48.png png/icon-64.png \
    png/icon-128.png png/icon-256.png portal-console.ico

# png2icns accepts the sizes macOS defines (16, 32, 48, 128, 256, 512).
png2icns portal-console.icns png/icon-16.png png/icon-32.png png/icon-48.png png/icon-128.png \
    png/icon-256.png png/icon-512.png >/dev/null

cp png/icon-128.png ../src/main/resources/io/portal/console/ui/icons/icon-128.png
echo "icons written to $(pwd)"
