#!/usr/bin/env bash
# Rewrites installer/startup.classlist: the JDK and JavaFX classes the packaged app loads up to its first
# page (and for --help), which the installer build puts into a class data sharing archive for a faster start.
# Run after a UI change that loads new JDK/JavaFX classes on the first page:
#   mvn -B -Pinstaller package -DskipTests && installer/record-classlist.sh && mvn -B -Pinstaller package -DskipTests
# Needs Xvfb and xdotool. Library and app classes are left out: the archive only holds the runtime image's.
set -euo pipefail
cd "$(dirname "$0")/.."
image=${1:-target/installer/image/nps-kms-setup}
launcher="$image/bin/nps-kms-setup"
work=$(mktemp -d)
display=:$(( 90 + RANDOM % 100 ))
Xvfb "$display" -screen 0 1280x1024x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1

JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/gui" DISPLAY=$display "$launcher" >/dev/null 2>&1 &
app=$!
DISPLAY=$display timeout 30 xdotool search --sync --onlyvisible --name "NPS KMS Setup" >/dev/null
sleep 2 # let the first page finish layout and CSS
kill "$app"; wait "$app" 2>/dev/null || true
JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/cli" "$launcher" --help >/dev/null 2>&1

# Classes the runtime image holds (module/path/Name.class -> path/Name).
"${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/jimage" list "$image/lib/runtime/lib/modules" \
  | awk '/\.class$/ {sub(/\.class$/, "", $1); print $1}' | sort -u > "$work/runtime"
{
  echo "# Classes archived for a faster start (installer/record-classlist.sh writes this file)."
  cat "$work/gui" "$work/cli" | grep -v '^#' | awk -v rt="$work/runtime" '
    BEGIN { while ((getline c < rt) > 0) inRuntime[c] = 1 }
    /^@/ { if ($2 in inRuntime) print; next }
    { if ($1 in inRuntime) print $1 }' | awk '!seen[$0]++'
} > installer/startup.classlist
echo "installer/startup.classlist: $(grep -vc '^#' installer/startup.classlist) entries"
