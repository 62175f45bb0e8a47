#!/usr/bin/env bash
# Install the dashboard's front-end packages from npm and copy their dist files into static/vendor/.
# The copied files are committed, so the page works offline and tests need no npm; rerun after a version bump.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
web="$here/web"
out="$here/static/vendor"
(cd "$web" && npm install --no-audit --no-fund --ignore-scripts >/dev/null)
mkdir -p "$out/images"
cp "$web/node_modules/leaflet/dist/leaflet.js" "$web/node_modules/leaflet/dist/leaflet.css" "$out/"
cp "$web/node_modules/leaflet/dist/images/"*.png "$out/images/"
cp "$web/node_modules/leaflet/LICENSE" "$out/LICENSE.leaflet"
cp "$web/node_modules/topojson-client/dist/topojson-client.min.js" "$out/"
cp "$web/node_modules/topojson-client/LICENSE" "$out/LICENSE.topojson-client"
cp "$web/node_modules/world-atlas/countries-110m.json" "$out/"
cp "$web/node_modules/world-atlas/LICENSE" "$out/LICENSE.world-atlas"
echo "vendored into $out:"; ls -l "$out"
