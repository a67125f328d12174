#!/usr/bin/env bash
# Installs what building and testing CertDesk needs and is missing:
# Debian packages (cgo headers for Fyne's GLFW driver, Xvfb and ImageMagick
# for the real-window test, poppler-utils and zbar-tools to read the PDF
# documents back in storage/pdf's tests, chromium to open the published register in storage/site's test), then the Go modules. Quiet when nothing is
# missing. Run as root, or as a user who may sudo.
set -euo pipefail

packages=(xorg-dev libgl1-mesa-dev xvfb imagemagick xdotool tesseract-ocr tesseract-ocr-eng poppler-utils zbar-tools chromium)

if ! command -v go >/dev/null 2>&1; then
	echo "deps: Go is not installed (CertDesk needs Go 1.26 or later on PATH)" >&2
	exit 1
fi

missing=()
for p in "${packages[@]}"; do
	if ! dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed'; then
		missing+=("$p")
	fi
done

if ((${#missing[@]} > 0)); then
	sudo=()
	if [[ $(id -u) -ne 0 ]]; then
		if ! command -v sudo >/dev/null 2>&1; then
			echo "deps: missing Debian packages ${missing[*]}: run as root or install them" >&2
			exit 1
		fi
		sudo=(sudo)
	fi
	echo "deps: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	"${sudo[@]}" apt-get update -qq
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi

go mod download
