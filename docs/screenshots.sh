#!/usr/bin/env bash
# Takes screenshots of the desktop app as a user sees it: starts it under Xvfb, waits, grabs the screen.
#
#   docs/screenshots.sh [URL]          # URL of a database with partitioned tables
#   docs/screenshots.sh                # no URL: starts the embedded demo database (partscope demo) first
#
# Needs: apt-get install -y --no-install-recommends xvfb xauth libgtk-3-0 imagemagick xdotool
# Writes: docs/images/main-window.png and partition-set.png (override the folder with OUT_DIR, the wait with WAIT_SECONDS).
set -euo pipefail

cd "$(dirname "$0")/.."
OUT_DIR=${OUT_DIR:-docs/images}
WAIT_SECONDS=${WAIT_SECONDS:-12}
JAR=target/partscope.jar
mkdir -p "$OUT_DIR"

for tool in xvfb-run import xdotool; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y xvfb xauth imagemagick xdotool" >&2; exit 2; }
done
[ -f "$JAR" ] || mvn -B -q package -DskipTests

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

URL=${1:-}
if [ -z "$URL" ]; then
    # The demo server prints its URL on stdout once the data is loaded, then runs until stopped.
    demo_out=$(mktemp)
    java -jar "$JAR" demo >"$demo_out" 2>"$demo_out.err" &
    pids+=($!)
    for _ in $(seq 1 180); do
        URL=$(head -n 1 "$demo_out")
        [ -n "$URL" ] && break
        sleep 1
    done
    [ -n "$URL" ] || { echo "the demo database did not start; see $demo_out.err" >&2; exit 1; }
fi

# One X server for the app and the screen grabs: the app starts on it in the background, import reads it.
# Second picture: a click on the fourth set (public.events in the demo) shows its members. Without a window
# manager the window sits where JavaFX puts it; xdotool tells where, and rows are 29 px apart from 143 px down.
xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
    java -Dprism.order=sw -Dprism.lcdtext=false -jar "$1" --url "$2" >"$5" 2>&1 &
    app=$!
    sleep "$4"
    win=$(xdotool search --name "^Partscope" | head -n 1)
    import -window "$win" "$3/main-window.png"
    {
        eval "$(xdotool getwindowgeometry --shell "$win")"
        xdotool mousemove $((X + 130)) $((Y + 143 + 3 * 29)) click 1
        sleep 2
        import -window "$win" "$3/partition-set.png"
    }
    kill $app
' screenshots "$JAR" "$URL" "$OUT_DIR" "$WAIT_SECONDS" "${TMPDIR:-/tmp}/partscope-screenshot-app.log"

echo "wrote $OUT_DIR/main-window.png and $OUT_DIR/partition-set.png"
