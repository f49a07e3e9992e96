#!/usr/bin/env bash
# Prints how long the packaged launcher takes to answer --version and to show its first window.
# Usage: installer/measure-start.sh [app-image-dir] [runs]   (after: mvn -B -Pinstaller package -DskipTests)
# Needs Xvfb and xdotool for the window figure (apt-get install -y xvfb xdotool); a benchmark, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
image=${1:-target/installer/image/nps-kms-setup}
runs=${2:-5}
launcher="$image/bin/nps-kms-setup"
[ -x "$launcher" ] || { echo "no launcher at $launcher: build the app image first" >&2; exit 2; }

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "app image: $(du -sh "$image" | cut -f1)   $(ls target/installer/dist/*.deb 2>/dev/null | xargs -r du -h | cut -f1 | sed 's/^/.deb: /')"

for i in $(seq "$runs"); do
  t0=$(now_ms); "$launcher" --version >/dev/null; echo $(( $(now_ms) - t0 ))
done | median | sed 's/^/--version (median ms): /'

command -v Xvfb >/dev/null && command -v xdotool >/dev/null || { echo "no Xvfb/xdotool: window figure skipped"; exit 0; }
display=:$(( 90 + RANDOM % 100 ))
Xvfb "$display" -screen 0 1280x1024x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
for i in $(seq "$runs"); do
  t0=$(now_ms)
  DISPLAY=$display "$launcher" >/dev/null 2>&1 &
  app=$!
  # --sync waits until a visible window with the product's title exists, i.e. the first page is mapped.
  DISPLAY=$display timeout 30 xdotool search --sync --onlyvisible --name "NPS KMS Setup" >/dev/null
  echo $(( $(now_ms) - t0 ))
  kill "$app"; wait "$app" 2>/dev/null || true
done | median | sed 's/^/first window under Xvfb (median ms): /'
