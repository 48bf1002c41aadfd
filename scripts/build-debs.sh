#!/usr/bin/env bash
# Builds the kioskd and queue-server Debian packages into dist/ with dpkg-buildpackage, then runs lintian
# on them: any lintian error fails the build. Swift must be on the PATH (it is not a Debian package).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(dpkg-parsechangelog -S Version)
# -d: Swift comes from swift.org, not from the Build-Depends; the C libraries are checked by ensure-deps.sh.
dpkg-buildpackage -us -uc -b -d
mkdir -p dist
for package in kioskd queue-server; do
    mv "../${package}_${version}_amd64.deb" dist/
done
mv "../kioskd_${version}_amd64.buildinfo" "../kioskd_${version}_amd64.changes" dist/
ls -l dist/*.deb
lintian --fail-on error --suppress-tags no-manual-page,initial-upload-closes-no-bugs dist/*.deb
echo "packages: ok"
