#!/usr/bin/env bash
# Prints the app image's size and how long its launcher takes to answer --version and to show the first
# page (the wizard window is mapped right after its Start page is built), with the runtime's class data
# sharing archive and without it (-Xshare:off), runs interleaved so machine load hits both alike. CPU time
# (user + system, all threads) is printed beside wall time: it hardly changes with the machine's load.
# Usage: installer/measure-start.sh [app-image-dir] [runs]   (after: mvn -B package -DskipTests)
# Needs Xvfb and xdotool for the window figures (apt-get install -y xvfb xdotool). A benchmark, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
image=${1:-target/installer/image/nps-kms-setup}
runs=${2:-7}
launcher="$image/bin/nps-kms-setup"
[ -x "$launcher" ] || { echo "no launcher at $launcher: build the app image first" >&2; exit 2; }
home=$(mktemp -d) # a first-run user: no AWS profiles, no remembered window placement

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# "wall cpu" lines -> "wall W ms, CPU C ms" (medians of each column)
medians() { echo "wall $(cut -d' ' -f1 "$1" | median) ms, CPU $(cut -d' ' -f2 "$1" | median) ms"; }

echo "app image: $(du -sh "$image" | cut -f1)$(ls target/installer/dist/*.deb 2>/dev/null | xargs -r du -h | cut -f1 | sed 's/^/   .deb: /')"

version() { # $1: JAVA_TOOL_OPTIONS; prints "wall-ms cpu-ms"
  local TIMEFORMAT='%R %U %S'
  { time HOME=$home JAVA_TOOL_OPTIONS=$1 "$launcher" --version >/dev/null 2>&1; } 2>&1 \
    | awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}'
}
window() { # $1: JAVA_TOOL_OPTIONS; prints "wall-ms cpu-ms" (CPU time of the app up to its first window)
  local t0 app wall; t0=$(now_ms)
  HOME=$home DISPLAY=$display JAVA_TOOL_OPTIONS=$1 "$launcher" >/dev/null 2>&1 &
  app=$!
  # --sync waits until a visible window with the product's title exists.
  DISPLAY=$display timeout 60 xdotool search --sync --onlyvisible --name "NPS KMS Setup" >/dev/null
  wall=$(( $(now_ms) - t0 ))
  echo "$wall $(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$app/stat")"
  kill "$app"; wait "$app" 2>/dev/null || true
}

: > "$home/v.cds"; : > "$home/v.off"
for i in $(seq "$runs"); do version "" >> "$home/v.cds"; version "-Xshare:off" >> "$home/v.off"; done
echo "--version, medians:   with the archive $(medians "$home/v.cds");   without $(medians "$home/v.off")"

if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null; then
  echo "no Xvfb/xdotool: window figures skipped"; exit 0
fi
display=:$(( 90 + RANDOM % 100 ))
Xvfb "$display" -screen 0 1280x1024x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$home"' EXIT
sleep 1
window "" >/dev/null # the first start after a build also warms the file cache
: > "$home/w.cds"; : > "$home/w.off"
for i in $(seq "$runs"); do window "" >> "$home/w.cds"; window "-Xshare:off" >> "$home/w.off"; done
echo "first page (Xvfb), medians:   with the archive $(medians "$home/w.cds");   without $(medians "$home/w.off")"
echo "(load average during the runs: $(cut -d' ' -f1-3 /proc/loadavg))"
