#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Cabinet needs that are missing; installs nothing when all
# are there. Used by `make demo`, `make test` and `make bench`.
set -euo pipefail

packages=(
  pcscd libpcsclite-dev swig vsmartcard-vpcd pcsc-tools   # PC/SC daemon, pyscard's build, virtual reader
  util-linux                                             # unshare: a private pcscd for tests and demo
  libsane-dev sane-utils                                 # SANE: python-sane's build, its `test` scanner
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0
  libxcb-image0 libxcb-xinerama0 xvfb xauth              # Qt on a screen, offscreen, or under Xvfb
)
python3 -c 'import ensurepip, venv' 2>/dev/null || packages+=(python3-venv python3-dev)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
