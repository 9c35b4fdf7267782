#!/usr/bin/env bash
# Takes screenshots of the desktop app as a user sees it: starts it under Xvfb, waits, grabs the screen.
#
#   docs/screenshots.sh [URL]          # URL of a database with partitioned tables
#   docs/screenshots.sh                # no URL: starts the embedded demo database (partscope demo) first
#
# Needs: apt-get install -y --no-install-recommends xvfb xauth libgtk-3-0 imagemagick xdotool
# Writes: docs/images/main-window.png, main-window-1920.png, partition-set.png, main-window-dark.png and explain.png
# (ONLY=explain: that one) (override the folder with OUT_DIR, the wait with WAIT_SECONDS). The window fills a
# 1440 x 900 screen (the smallest the app is laid out for), main-window-1920.png a 1920 x 1080 one.
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

# One X server per picture: the app opens on the URL with a set selected (--table), and import grabs its window.
# The light/dark choice lives in settings.json in the config folder; each run gets a temporary one.
shoot() { # shoot FILE TABLE THEME [KEYS [SIZE]]: KEYS is typed into the app (xdotool) before the picture
    local config
    config=$(mktemp -d)
    mkdir -p "$config/partscope"
    printf '{"theme": "%s"}\n' "$3" >"$config/partscope/settings.json"
    local size=${5:-1440x900}
    XDG_CONFIG_HOME="$config" xvfb-run -a -s "-screen 0 ${size}x24" bash -c '
        java -Dprism.order=sw -Dprism.lcdtext=false -jar "$1" --url "$2" --table "$3" >"$6" 2>&1 &
        app=$!
        sleep "$5"
        win=$(xdotool search --name "^Partscope" | head -n 1)
        # Without a window import would wait for a click: say so and give up (raise WAIT_SECONDS on a busy machine).
        [ -n "$win" ] || { echo "no Partscope window after $5 s; see $6" >&2; kill $app; exit 1; }
        # No window manager under Xvfb: the window fills the screen as a maximised one would.
        xdotool windowmove "$win" 0 0 windowsize "$win" "${8%x*}" "${8#*x}"
        sleep 3
        if [ -n "$7" ]; then
            xdotool key ctrl+e  # the app has the focus (no window manager under Xvfb)
            sleep 1
            xdotool type --delay 20 "$7"
            xdotool key ctrl+Return
            sleep 6
        fi
        import -window "$win" "$4"
        kill $app
    ' screenshot "$JAR" "$URL" "$2" "$OUT_DIR/$1" "$WAIT_SECONDS" "${TMPDIR:-/tmp}/partscope-screenshot-app.log" "${4:-}" "$size"
    rm -rf "$config"
    echo "wrote $OUT_DIR/$1"
}

if [ -z "${ONLY:-}" ]; then
    shoot main-window.png public.events light
    shoot main-window-1920.png public.events light "" 1920x1080
    shoot partition-set.png telephony.call_logs light
    shoot main-window-dark.png shop.orders dark
fi
# EXPLAIN on the selected set (Ctrl+E starts the query; now() is stable, so pruning happens at executor start)
shoot explain.png public.metrics_daily light "recorded_at >= now() - interval '20 days'"
