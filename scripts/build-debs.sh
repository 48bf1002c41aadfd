#!/usr/bin/env bash
# Builds the kioskd and queue-server Debian packages into dist/ with dpkg-buildpackage, then runs lintian
# on them: any lintian error fails the build. Swift must be on the PATH (it is not a Debian package).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(dpkg-parsechangelog -S Version)
mkdir -p dist
rm -f dist/*.deb dist/*.buildinfo dist/*.changes
# Everything lands in dist/, nothing beside the checkout: dh_builddeb --destdir=dist (debian/rules), and
# -udist tells the .buildinfo and .changes writers where the packages are.
# -d: Swift comes from swift.org, not from the Build-Depends; the C libraries are checked by ensure-deps.sh.
# DEB_BUILD_PROFILES=pkg.kioskd.noserver builds the kioskd package alone (no queue-server release build).
dpkg-buildpackage -us -uc -b -d --buildinfo-option=-udist --changes-option=-udist \
    --buildinfo-file="dist/kioskd_${version}_amd64.buildinfo" --changes-file="dist/kioskd_${version}_amd64.changes"
ls -l dist/*.deb
lintian --fail-on error --suppress-tags no-manual-page,initial-upload-closes-no-bugs dist/*.deb
echo "packages: ok"
