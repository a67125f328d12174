#!/usr/bin/env bash
# Real-window test: starts bin/certdesk on a virtual X display (Xvfb),
# takes a screenshot and fails if it is blank, the app died, or the text
# read from it (tesseract) is not the dashboard with its counts.
# Expects bin/certdesk and bin/certctl (make build cli); certctl demo fills
# the data folder.
set -euo pipefail
cd "$(dirname "$0")/.."

# Fyne logs a locale error under LANG=C.
case ${LANG:-} in "" | C | C.* | POSIX) export LANG=en_US.UTF-8 ;; esac

if [[ ! -x bin/certdesk ]]; then
	echo "window-test: bin/certdesk is missing: run make build" >&2
	exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/certdesk-window-test.XXXXXX")
data=$work/data
shot=$work/shot.png
mkdir -p "$data"

xvfb_pid=
app_pid=
cleanup() {
	if [[ -n $app_pid ]]; then
		kill "$app_pid" 2>/dev/null || true
		wait "$app_pid" 2>/dev/null || true
	fi
	if [[ -n $xvfb_pid ]]; then
		kill "$xvfb_pid" 2>/dev/null || true
		wait "$xvfb_pid" 2>/dev/null || true
	fi
	rm -rf "$data" # keep the screenshot and logs
}
trap cleanup EXIT

# A free display number: no lock file and no socket.
display=
for n in $(seq 99 199); do
	if [[ ! -e /tmp/.X$n-lock && ! -e /tmp/.X11-unix/X$n ]]; then
		display=$n
		break
	fi
done
if [[ -z $display ]]; then
	echo "window-test: no free X display number between 99 and 199" >&2
	exit 1
fi

Xvfb ":$display" -screen 0 1400x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display"
for _ in $(seq 50); do
	[[ -e /tmp/.X11-unix/X$display ]] && break
	if ! kill -0 "$xvfb_pid" 2>/dev/null; then
		echo "window-test: Xvfb did not start:" >&2
		cat "$work/xvfb.log" >&2
		exit 1
	fi
	sleep 0.1
done

# Demo data, when the CLI has its demo command.
echo "window-test: filling $data with bin/certctl demo --clients 50"
bin/certctl demo --data "$data" --clients 50 >/dev/null

# A fresh home: no remembered window size or workspace, so the app opens
# on the dashboard as on a first start.
mkdir -p "$work/home"
HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" bin/certdesk --data "$data" >"$work/app.log" 2>&1 &
app_pid=$!

# stddev of the screen's pixels (0 for a uniformly black screen).
spread() { convert "$1" -colorspace Gray -format '%[fx:standard_deviation]' info:; }
colours() { convert "$1" -unique-colors -format '%w' info:; }
blank() { awk -v s="$1" -v c="$2" 'BEGIN { exit !(s < 0.02 || c < 8) }'; }

# Wait for the window to appear, then give the data a moment to load.
shown=
for _ in $(seq 30); do
	sleep 1
	if ! kill -0 "$app_pid" 2>/dev/null; then
		break
	fi
	import -window root "$shot" 2>/dev/null || continue
	if ! blank "$(spread "$shot")" "$(colours "$shot")"; then
		shown=yes
		break
	fi
done
if [[ -n $shown ]]; then
	sleep 3
	import -window root "$shot"
fi

if ! kill -0 "$app_pid" 2>/dev/null; then
	wait "$app_pid" && status=0 || status=$?
	app_pid=
	echo "window-test: bin/certdesk exited (status $status) instead of showing its window; its output:" >&2
	cat "$work/app.log" >&2
	exit 1
fi

s=$(spread "$shot")
c=$(colours "$shot")
echo "window-test: screenshot $shot (stddev $s, $c colours)"
if blank "$s" "$c"; then
	echo "window-test: the screen is blank: no window was drawn; app output:" >&2
	cat "$work/app.log" >&2
	echo "window-test: 0 passed, 1 failed"
	exit 1
fi
# What a person would read on the screen: the dashboard and its counts.
tesseract "$shot" "$work/shot" >/dev/null 2>&1
for word in Dashboard Overdue "Due in 30 days" Surveillance; do
	if ! grep -q "$word" "$work/shot.txt"; then
		echo "window-test: the screenshot does not show the dashboard (no \"$word\" in the text read from it: $work/shot.txt)" >&2
		echo "window-test: 0 passed, 1 failed"
		exit 1
	fi
done
echo "window-test: the dashboard shows: $(grep -m1 'overdue first' "$work/shot.txt")"
echo "window-test: 1 passed, 0 failed"
