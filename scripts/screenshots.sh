#!/usr/bin/env bash
# make screenshots: a PNG of every workspace of the real app, under Xvfb,
# on demo data, into docs/screenshots/ (plus the end-to-end walk's screens
# from the test driver). Expects bin/certdesk and bin/certctl.
set -euo pipefail
cd "$(dirname "$0")/.."
case ${LANG:-} in "" | C | C.* | POSIX) export LANG=en_US.UTF-8 ;; esac

out=docs/screenshots
mkdir -p "$out"
work=$(mktemp -d /tmp/certdesk-screens.XXXXXX)
trap 'kill ${app_pid:-} ${xvfb_pid:-} 2>/dev/null || true; rm -rf "$work"' EXIT

bin/certctl demo --data "$work/data" --clients 150 >/dev/null

display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1366x768x24 >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
sleep 1
mkdir -p "$work/home"
HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" bin/certdesk --data "$work/data" >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 30); do
	sleep 1
	wid=$(xdotool search --name CertDesk 2>/dev/null | head -1 || true)
	[[ -n $wid ]] && break
done
[[ -n ${wid:-} ]] || { echo "screenshots: the window did not appear" >&2; cat "$work/app.log" >&2; exit 1; }
sleep 2
xdotool windowsize "$wid" 1366 768 windowmove "$wid" 0 0
sleep 2
names=(dashboard clients audit-programme audit-workspace findings decisions certificates settings)
for i in "${!names[@]}"; do
	xdotool key --window "$wid" "ctrl+$((i + 1))"
	sleep 2
	import -window root "$out/$((i + 1))-${names[$i]}.png"
	echo "screenshots: $out/$((i + 1))-${names[$i]}.png"
done

# The screens of one client's walk from application to certificate.
CERTDESK_SCREENS="$work/walk" go test -tags migrated_fynedo ./app -run TestWalkFromApplicationToCertificate -count=1 >/dev/null
# The screens of the audit file a committee relies on (issue 14), as the
# tests drive them, at 1366×768.
CERTDESK_SCREENS="$work/file" go test -tags migrated_fynedo ./app -count=1 >/dev/null \
	-run 'TestAuditWorkspaceCarriesOutAnAudit|TestTeamPickerOnTheDemo|TestPlanBelowAuditTimeNeedsJustification|TestDecisionGrantAfterMajorVerified'
for n in audit-finish-refused-coverage audit-add-finding audit-team-picker programme-plan-audit-time decision-blocking-gate decision-all-gates-pass; do
	cp "$work/file/$n.png" "$out/$n.png"
	echo "screenshots: $out/$n.png"
done
for f in "$work"/walk/*.png; do
	cp "$f" "$out/$(basename "$f")"
	echo "screenshots: $out/$(basename "$f")"
done
