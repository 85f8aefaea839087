# pseudofs run: runs in CMD's own mount namespace (unshare --mount --propagation private), before
# CMD. Mounts the views the server mounted under ROOT over the PATHs (each ROOT/PATH over PATH,
# recursively, so sys brings its debug and config views), then execs CMD.
# Usage: sh -c "$(cat run-ns.sh)" pseudofs-run ROOT PATH... -- CMD [ARG...]
set -u
root=$1
shift
made=' '  # directories this script put a tmpfs on: creating entries below them is safe

fail() { echo "pseudofs: run: $*" >&2; exit 125; }

bind() {
  err=$(mount --rbind "$1" "$2" 2>&1) || fail "cannot mount $1 over $2: $err"
}

ours() {  # is $1 at or below a tmpfs this script made?
  for m in $made; do
    case "$1/" in "$m"/*) return 0 ;; esac
  done
  return 1
}

# A path missing on this machine (no /sys/class/power_supply on a server) cannot be a mount
# point, and sysfs and proc refuse mkdir: the nearest existing directory gets a tmpfs, its real
# entries are mounted back (links copied), and the missing path is created in the tmpfs.
shadow() {
  stash="$root/.real"
  mkdir "$stash" || fail "cannot create $stash"
  bind "$1" "$stash"
  err=$(mount -t tmpfs -o "mode=$(stat -c %a "$stash")" pseudofs-run "$1" 2>&1) ||
    fail "cannot mount a tmpfs over $1: $err"
  for e in "$stash"/* "$stash"/.[!.]* "$stash"/..?*; do
    n=${e##*/}
    if [ -L "$e" ]; then
      ln -s "$(readlink "$e")" "$1/$n"
    elif [ -d "$e" ]; then
      mkdir "$1/$n" && bind "$e" "$1/$n"
    elif [ -e "$e" ]; then
      : > "$1/$n" && bind "$e" "$1/$n"
    fi
  done
  umount -l "$stash"
  rmdir "$stash"
  made="$made$1 "
}

while [ "$1" != -- ]; do
  p=$1
  shift
  if [ ! -e "$p" ]; then
    a=$p
    while [ ! -e "$a" ]; do a=${a%/*}; done
    ours "$a" || shadow "$a"
    mkdir -p "${p%/*}"
    if [ -d "$root$p" ]; then mkdir "$p"; else : > "$p"; fi
  fi
  bind "$root$p" "$p"
done
shift
exec "$@"
