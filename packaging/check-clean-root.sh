#!/bin/sh
# Installs the .deb into minimal Debian roots (debootstrap --variant=minbase, no GTK, no X) and checks what a
# user sees there:
#   nogtk   the package forced in without its dependencies (dpkg -i --force-depends): the launcher must say
#           that GTK 3 is missing and exit 14, and the headless commands must still work;
#   clean   `apt-get install ./partscope_*.deb`: apt must pull libgtk-3-0, libxtst6, libgl1 and libxxf86vm1; then
#           `partscope --version`, `--demo` without a display (exit 14, names xvfb-run), `--demo` under
#           xvfb-run with a screenshot of the window, and `apt-get remove partscope`;
#   norec   the same install with --no-install-recommends (how many container images install), then --demo
#           under xvfb-run again: what Depends alone brings must be enough.
#
# Not part of `mvn verify` or CI: it needs root (chroot, mount), network access to a Debian mirror, about 3.5 GB
# in the work folder and several minutes. See packaging/README.md ("Checked on a clean root") for what it showed.
#
# Usage (as root, from the project folder, after `mvn -B -Pdist package -DskipTests`):
#   packaging/check-clean-root.sh [--deb FILE] [--work DIR] [--suite bookworm] [--mirror URL] [--only nogtk|clean|norec]
#                                 [--demo-seconds N] [--keep]
# Prints one "== ..." header per step, each command's output and exit code, and a summary; exits non-zero if a
# check failed. The debootstrapped base is kept in DIR/base and reused by later runs (delete it to start over);
# the per-check copies are removed at the end unless --keep.
set -eu

deb=
work=/tmp/partscope-clean-root
suite=bookworm
mirror=http://deb.debian.org/debian
only=
demo_seconds=150
keep=no
while [ $# -gt 0 ]; do
    case "$1" in
        --deb) deb=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --suite) suite=$2; shift 2 ;;
        --mirror) mirror=$2; shift 2 ;;
        --only) only=$2; shift 2 ;;
        --demo-seconds) demo_seconds=$2; shift 2 ;;
        --keep) keep=yes; shift ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "check-clean-root: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

[ "$(id -u)" = 0 ] || { echo "check-clean-root: needs root (debootstrap, chroot, mount)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "check-clean-root: apt-get install -y debootstrap" >&2; exit 2; }
if [ -z "$deb" ]; then
    deb=$(ls target/dist/partscope_*_amd64.deb 2>/dev/null | tail -n 1 || true)
fi
[ -n "$deb" ] && [ -f "$deb" ] || { echo "check-clean-root: no .deb (mvn -B -Pdist package -DskipTests, or --deb FILE)" >&2; exit 2; }
deb=$(readlink -f "$deb")
mkdir -p "$work"
work=$(readlink -f "$work")
# Two runs on one work folder would copy and delete each other's roots.
exec 9> "$work/.lock"
flock -n 9 || { echo "check-clean-root: another run is using $work" >&2; exit 2; }

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
now() { date +%s; }
# The GTK libraries the .deb must make apt install (jpackage cannot see them: they sit inside the JavaFX jars).
gtk_deps="libgtk-3-0 libxtst6 libgl1 libxxf86vm1"

# Mounts what a program inside needs: /proc (the JVM reads it) and a /dev/shm of its own (PostgreSQL's shared
# memory). /dev itself is the static one debootstrap made, so removing a root never reaches the host's devices.
mount_root() {
    mount -t proc proc "$1/proc"
    mount -t tmpfs -o mode=1777 shm "$1/dev/shm"
}
umount_root() {
    for m in "$1/dev/shm" "$1/proc"; do
        if mountpoint -q "$m"; then umount "$m" || umount -l "$m"; fi
    done
}
roots=
cleanup() {
    for r in $roots; do umount_root "$r"; done
    if [ "$keep" = no ]; then
        for r in $roots; do
            # Never remove a root that still has something mounted in it.
            if ! grep -q " $r/" /proc/mounts; then rm -rf "$r"; fi
        done
    fi
}
trap cleanup EXIT INT TERM

# Runs a command in root $1 as the unprivileged user "user" (a desktop user; as root, the embedded demo database
# would need `unshare -U`, which the kernel refuses inside a chroot). Prints the output and "exit N"; sets $rc.
as_user() {
    r=$1; shift
    set +e
    chroot --userspec=user:user "$r" env -i HOME=/home/user USER=user LANG=C.UTF-8 PATH=/usr/bin:/bin \
        TERM=dumb "$@" > "$r/tmp/out" 2>&1
    rc=$?
    set -e
    cat "$r/tmp/out"
    echo "exit $rc"
}
in_root() {
    r=$1; shift
    chroot "$r" env -i HOME=/root LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"
}

echo "== the package: $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb -f "$deb" Package Version Depends
for p in $gtk_deps; do
    if dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/ //g' | grep -qx "$p"; then ok "Depends lists $p"
    else fail "Depends does not list $p"; fi
done

base=$work/base
if [ ! -f "$base/.partscope-base-done" ]; then
    echo "== debootstrap --variant=minbase $suite into $base"
    rm -rf "$base"
    t0=$(now)
    debootstrap --variant=minbase "$suite" "$base" "$mirror" > "$work/debootstrap.log" 2>&1 \
        || { tail -20 "$work/debootstrap.log"; echo "check-clean-root: debootstrap failed" >&2; exit 1; }
    # The same sources as the debian:bookworm image: updates and security too.
    cat > "$base/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb http://deb.debian.org/debian-security $suite-security main
EOF
    cp /etc/resolv.conf "$base/etc/resolv.conf"
    # A container runtime writes /etc/hosts; in a bare root only netbase's postinst does, and netbase comes in
    # as a Recommends. Without it "localhost" does not resolve and the demo's PostgreSQL cannot listen ("could
    # not translate host name "localhost""): give every root the /etc/hosts a container has.
    printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$base/etc/hosts"
    in_root "$base" apt-get -q update > "$work/apt-update.log" 2>&1 \
        || { tail -20 "$work/apt-update.log"; echo "check-clean-root: apt-get update failed" >&2; exit 1; }
    in_root "$base" useradd -m -s /bin/sh user
    touch "$base/.partscope-base-done"
    echo "debootstrap + apt-get update: $(( $(now) - t0 )) s"
fi
echo "base: $(du -sh --exclude=proc "$base" | cut -f1), $(in_root "$base" dpkg-query -W | wc -l) packages," \
    "libgtk-3.so.0: $(in_root "$base" sh -c 'ls /usr/lib/x86_64-linux-gnu/libgtk-3.so.0 2>/dev/null || echo absent')"

# A fresh copy of the base for one check.
new_root() {
    r=$work/$1
    rm -rf "$r"
    cp -a "$base" "$r"
    roots="$roots $r"
    cp "$deb" "$r/tmp/"
    mount_root "$r"
}
expect_rc() { # what, wanted, got
    if [ "$3" = "$2" ]; then ok "$1: exit $3"; else fail "$1: exit $3, wanted $2"; fi
}
expect_out() { # what, root, fixed string
    if grep -qF -- "$3" "$2/tmp/out"; then ok "$1 says \"$3\""; else fail "$1 does not say \"$3\""; fi
}
no_trace() { # what, root
    if grep -qE 'internal error|^\s+at [a-z]|Exception in thread' "$2/tmp/out"; then fail "$1 shows a stack trace"
    else ok "$1: no stack trace"; fi
}

# Opens the demo under xvfb-run in root $1, waits $demo_seconds, takes a screenshot (if `import` is there) and
# closes the app. The screenshot lands in $work/$2.png.
demo_under_xvfb() {
    r=$1
    cat > "$r/tmp/demo.sh" <<'EOF'
#!/bin/sh
/opt/partscope/bin/partscope --demo > /tmp/demo.log 2>&1 &
app=$!
i=0
while [ $i -lt "$1" ] && kill -0 $app 2>/dev/null; do sleep 1; i=$((i + 1)); done
if ! kill -0 $app 2>/dev/null; then wait $app; echo "the app ended by itself: exit $?"; cat /tmp/demo.log; exit 1; fi
if command -v import >/dev/null; then import -window root /tmp/demo.png && echo "screenshot taken after ${i} s"; fi
echo "app still running after ${i} s; window list:"
command -v xwininfo >/dev/null && xwininfo -root -children | grep -i '"' | head -5
kill $app; wait $app 2>/dev/null
echo "--- app output"; cat /tmp/demo.log
EOF
    chmod 755 "$r/tmp/demo.sh"
    t0=$(now)
    as_user "$r" xvfb-run -a -s "-screen 0 1440x900x24" /tmp/demo.sh "$demo_seconds"
    expect_rc "--demo under xvfb-run ($(( $(now) - t0 )) s)" 0 "$rc"
    no_trace "--demo under xvfb-run" "$r"
    expect_out "--demo under xvfb-run" "$r" "Demo data loaded"
    expect_out "--demo under xvfb-run" "$r" "connected to postgresql://"
    if [ -f "$r/tmp/demo.png" ]; then cp "$r/tmp/demo.png" "$work/$2.png"; echo "screenshot: $work/$2.png"; fi
}

# Installs the .deb with apt in root $1 (extra apt options after it), lists what apt pulled, checks the GTK
# libraries are among them.
apt_install() {
    r=$1; shift
    in_root "$r" dpkg-query -W -f '${Package}\n' | sort > "$r/tmp/before"
    t0=$(now)
    set +e
    in_root "$r" apt-get install -y -q "$@" "/tmp/$(basename "$deb")" > "$r/tmp/apt.log" 2>&1
    arc=$?
    set -e
    took=$(( $(now) - t0 ))
    grep -E 'newly installed|^Need to get|^After this operation' "$r/tmp/apt.log" || true
    expect_rc "apt-get install $* ./$(basename "$deb") (${took} s)" 0 "$arc"
    [ "$arc" = 0 ] || tail -30 "$r/tmp/apt.log"
    in_root "$r" dpkg-query -W -f '${Package}\n' | sort > "$r/tmp/after"
    comm -13 "$r/tmp/before" "$r/tmp/after" > "$work/$(basename "$r")-pulled.txt"
    echo "pulled $(wc -l < "$work/$(basename "$r")-pulled.txt") packages (list: $work/$(basename "$r")-pulled.txt);" \
        "root now $(du -sh --exclude=proc --exclude=dev "$r" | cut -f1)"
    for p in $gtk_deps; do
        if grep -qx "$p" "$work/$(basename "$r")-pulled.txt"; then ok "apt pulled $p"; else fail "apt did not pull $p"; fi
    done
    echo "fonts: $(grep '^fonts-' "$work/$(basename "$r")-pulled.txt" | tr '\n' ' ')"
}

if [ -z "$only" ] || [ "$only" = nogtk ]; then
    echo "== nogtk: dpkg -i --force-depends (no GTK, no X libraries)"
    r=$work/nogtk
    new_root nogtk
    in_root "$r" dpkg -i --force-depends "/tmp/$(basename "$deb")" 2>&1 | grep -E 'dependency problems|depends on' | head -3 || true
    echo "-- partscope --version"
    as_user "$r" partscope --version   # from the PATH: postinst links /usr/bin/partscope
    expect_rc "--version without GTK" 0 "$rc"
    if grep -qx 'partscope dev' "$r/tmp/out"; then fail "--version prints no version (a stale thin jar)"; fi
    echo "-- partscope tree --help (a headless command)"
    as_user "$r" /opt/partscope/bin/partscope tree --help > /dev/null
    expect_rc "tree --help without GTK" 0 "$rc"
    echo "-- DISPLAY=:0 partscope --demo (a display is named, GTK is missing)"
    as_user "$r" env DISPLAY=:0 /opt/partscope/bin/partscope --demo
    expect_rc "--demo without GTK" 14 "$rc"
    expect_out "--demo without GTK" "$r" "the GTK 3 libraries are missing"
    expect_out "--demo without GTK" "$r" "apt-get install libgtk-3-0 libxtst6"
    expect_out "--demo without GTK" "$r" "not found: libX11.so.6"
    no_trace "--demo without GTK" "$r"
    echo "-- partscope --demo (no DISPLAY either)"
    as_user "$r" /opt/partscope/bin/partscope --demo
    expect_rc "--demo without GTK or DISPLAY" 14 "$rc"
    expect_out "--demo without GTK or DISPLAY" "$r" "the GTK 3 libraries are missing"
    no_trace "--demo without GTK or DISPLAY" "$r"
fi

if [ -z "$only" ] || [ "$only" = clean ]; then
    echo "== clean: apt-get install ./$(basename "$deb")"
    r=$work/clean
    new_root clean
    apt_install "$r"
    echo "-- partscope --version"
    as_user "$r" partscope --version
    expect_rc "--version" 0 "$rc"
    echo "-- partscope --demo without a display"
    as_user "$r" /opt/partscope/bin/partscope --demo
    expect_rc "--demo without DISPLAY" 14 "$rc"
    expect_out "--demo without DISPLAY" "$r" "there is no display"
    expect_out "--demo without DISPLAY" "$r" "xvfb-run -a partscope --demo"
    no_trace "--demo without DISPLAY" "$r"
    echo "-- apt-get install xvfb xauth imagemagick x11-utils (for the screenshot only)"
    in_root "$r" apt-get install -y -q --no-install-recommends xvfb xauth imagemagick x11-utils > "$r/tmp/apt-x.log" 2>&1 \
        || { tail -20 "$r/tmp/apt-x.log"; fail "could not install xvfb"; }
    echo "-- xvfb-run partscope --demo"
    demo_under_xvfb "$r" clean-demo
    echo "-- apt-get remove partscope"
    set +e
    in_root "$r" apt-get remove -y -q partscope > "$r/tmp/remove.log" 2>&1
    arc=$?
    set -e
    expect_rc "apt-get remove partscope" 0 "$arc"
    [ "$arc" = 0 ] || tail -10 "$r/tmp/remove.log"
    if [ -e "$r/opt/partscope/bin/partscope" ]; then fail "/opt/partscope/bin/partscope is still there"; else ok "removed"; fi
fi

if [ -z "$only" ] || [ "$only" = norec ]; then
    echo "== norec: apt-get install --no-install-recommends ./$(basename "$deb")"
    r=$work/norec
    new_root norec
    apt_install "$r" --no-install-recommends
    # xvfb and xauth only, without recommends: nothing else that could bring a library the app needs.
    in_root "$r" apt-get install -y -q --no-install-recommends xvfb xauth > "$r/tmp/apt-x.log" 2>&1 \
        || { tail -20 "$r/tmp/apt-x.log"; fail "could not install xvfb"; }
    echo "-- xvfb-run partscope --demo"
    demo_under_xvfb "$r" norec-demo
fi

echo "== summary: $failures failed check(s)"
[ "$failures" = 0 ]
