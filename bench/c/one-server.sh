# Sourced by the bench/c scripts that run one server at a time (pt-trace.sh, run-pt-check.sh),
# after they set BIN: MNT and PID of the running server, stop() to end it (killed, unmounted,
# its mount point removed), and the traps that stop it and remove $BIN however the script ends.
MNT="" PID=""
stop() {
    [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
    [ -n "$MNT" ] && { grep -q " $MNT " /proc/mounts && umount -l "$MNT"; rmdir "$MNT"; }
    MNT="" PID=""
}
trap 'stop; rm -rf "$BIN"' EXIT
trap 'exit 1' INT TERM
