#!/usr/bin/env python3
"""The pseudofs reliability suite: real syscalls from real processes against a real server.

Phases (each starts its own `pseudofs mount --demo --fixture reliability.yaml --background`
under a fresh root, checks the server at the end and unmounts it):

  diff     every operation of a fixed table on every node kind the host kernel also has, on the
           host's node and on ours, as root and as uid 65534; every errno or poll mask that
           differs is a difference; one not listed in known-differences.tsv fails the run
  fuzz     a seeded random sequence of operations over every view (the same seed gives the same
           operations); where the node has a host twin the same operations run there too
  soak     several processes at once: pollers blocked on a sysfs attribute woken by a writer's
           notifies, configfs mkdir/rmdir races on the same names, readers, writers
  kill9    hold files open in every view, kill -9 the server, check the mount is stale
           (ENOTCONN), mount again on the same root and check every view answers
  probes   what an unprivileged user (uid 65534) must be refused

A run fails on: a new difference, a known difference no longer seen (the list only shrinks), a
hang (an operation that does not return within 10 s), a server that died or logged an exception,
and a mount or process left behind. Operations are done by worker processes (this file run as
`python3 -c <source> worker`, as root or through setpriv as uid 65534) that read one JSON request
per line and answer with the result or the errno name.

Usage: reliability.py [--seed N] [--minutes M | --fuzz-ops N --soak-seconds S] [--kill-rounds N]
                      [--soak-procs N] [--phases diff,fuzz,soak,probes,kill9] [--report FILE]
The short run is ReliabilityIT (mvn verify); the long one is scripts/reliability.
Host files are only read, stat'ed, polled, refused namespace operations and written with input
the kernel rejects (EINVAL) - never a value it would accept.
"""
import argparse
import collections
import ctypes
import errno
import fcntl
import glob
import json
import mmap
import os
import random
import re
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HANG_SECONDS = 10
NOBODY = 65534
HERE = os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else "."

# --------------------------------------------------------------------------------------------
# Worker: one process that performs syscalls on request.

FLAGS = {"r": os.O_RDONLY, "w": os.O_WRONLY, "rw": os.O_RDWR, "creat": os.O_CREAT,
         "excl": os.O_EXCL, "dir": os.O_DIRECTORY, "trunc": os.O_TRUNC,
         "nofollow": os.O_NOFOLLOW, "nonblock": os.O_NONBLOCK, "append": os.O_APPEND}


def _flags(names):
    f = 0
    for n in names:
        f |= FLAGS[n]
    return f


def _do(req, fds):
    op = req["op"]
    p = req.get("path")
    if op == "open":
        fd = os.open(p, _flags(req["flags"]), 0o644)
        fds[fd] = p
        return fd
    if op == "close":
        fds.pop(req["fd"], None)
        os.close(req["fd"])
        return 0
    if op == "read":
        return len(os.read(req["fd"], req["n"]))
    if op == "pread":
        return len(os.pread(req["fd"], req["n"], req["off"]))
    if op == "write":
        return os.write(req["fd"], req["data"].encode("latin-1"))
    if op == "pwrite":
        return os.pwrite(req["fd"], req["data"].encode("latin-1"), req["off"])
    if op == "lseek":
        return os.lseek(req["fd"], req["off"], req["whence"])
    if op == "ioctl":
        return len(fcntl.ioctl(req["fd"], req["cmd"], bytes(req["n"])))
    if op == "poll":
        po = select.poll()
        po.register(req["fd"], req["events"])
        ev = po.poll(req["ms"])
        return ev[0][1] if ev else 0
    if op == "fstat":
        st = os.fstat(req["fd"])
        return [st.st_mode, st.st_size]
    if op == "stat":
        st = os.stat(p)
        return [st.st_mode, st.st_size]
    if op == "lstat":
        st = os.lstat(p)
        return [st.st_mode, st.st_size]
    if op == "readlink":
        return len(os.readlink(p))
    if op == "listdir":
        return len(os.listdir(p))
    if op == "mkdir":
        os.mkdir(p, 0o755)
        return 0
    if op == "rmdir":
        os.rmdir(p)
        return 0
    if op == "unlink":
        os.unlink(p)
        return 0
    if op == "rename":
        os.rename(p, req["to"])
        return 0
    if op == "chmod":
        os.chmod(p, req["mode"])
        return 0
    if op == "symlink":
        os.symlink(req["target"], p)
        return 0
    if op == "mkfifo":
        os.mknod(p, stat.S_IFIFO | 0o644)
        return 0
    if op == "link":
        os.link(p, req["to"])
        return 0
    if op == "truncate":
        os.truncate(p, req["n"])
        return 0
    if op == "mmap":  # through libc: Python's mmap refuses files whose st_size is 0 itself
        libc = ctypes.CDLL(None, use_errno=True)
        libc.mmap.restype = ctypes.c_void_p
        libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int,
                              ctypes.c_int, ctypes.c_long]
        addr = libc.mmap(None, 4096, mmap.PROT_READ, mmap.MAP_PRIVATE, req["fd"], 0)
        if addr in (None, ctypes.c_void_p(-1).value):
            e = ctypes.get_errno()
            raise OSError(e, os.strerror(e))
        libc.munmap(ctypes.c_void_p(addr), ctypes.c_size_t(4096))
        return 0
    if op == "closeall":
        for fd in list(fds):
            try:
                os.close(fd)
            except OSError:
                pass
        fds.clear()
        return 0
    raise ValueError("unknown op " + op)


def worker_main():
    fds = {}
    out = sys.stdout
    for line in sys.stdin:
        req = json.loads(line)
        t0 = time.monotonic()
        try:
            res = {"ok": _do(req, fds)}
        except OSError as e:
            res = {"err": errno.errorcode.get(e.errno, str(e.errno))}
        except (ValueError, OverflowError) as e:
            res = {"err": "PY:" + type(e).__name__}
        res["us"] = int((time.monotonic() - t0) * 1e6)
        out.write(json.dumps(res) + "\n")
        out.flush()


class Hang(Exception):
    pass


class Worker:
    """A worker process driven over pipes; call() fails with Hang after HANG_SECONDS."""

    def __init__(self, uid=0):
        self.uid = uid
        self._start()

    def _start(self):
        src = open(os.path.abspath(__file__)).read()
        cmd = [sys.executable, "-c", src, "worker"]
        if self.uid != 0:
            cmd = ["setpriv", "--reuid=%d" % self.uid, "--regid=%d" % self.uid,
                   "--clear-groups"] + cmd
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     cwd="/", bufsize=0)
        self.buf = b""

    def call(self, timeout=HANG_SECONDS, **req):
        self.proc.stdin.write((json.dumps(req) + "\n").encode())
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            r, _, _ = select.select([self.proc.stdout], [], [], max(0, left))
            if not r:
                self.kill()
                self._start()
                raise Hang("%s %s" % (req.get("op"), req.get("path", req.get("fd"))))
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                raise RuntimeError("worker died")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def kill(self):
        try:
            self.proc.kill()
            self.proc.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            pass

    def close(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            self.kill()


def outcome(res):
    """What a result is compared by: OK or the errno name."""
    return "OK" if "ok" in res else res["err"]


# --------------------------------------------------------------------------------------------
# The server under test.

class Server:
    """A background `pseudofs mount` of every view with the demo and the reliability fixture."""

    def __init__(self, launcher, workdir, fixture):
        self.launcher = launcher
        self.root = tempfile.mkdtemp(prefix="pseudofs-rel-", dir=workdir)
        os.chmod(self.root, 0o755)
        self.fixture = fixture
        enc = urllib.parse.quote(os.path.realpath(self.root), safe="")
        self.pidfile = "/run/pseudofs/%s.pid" % enc
        self.log = "/run/pseudofs/%s.log" % enc
        self.pids = []

    def cli(self, *args, uid=0, timeout=90):
        cmd = [self.launcher] + list(args)
        if uid:
            cmd = ["setpriv", "--reuid=%d" % uid, "--regid=%d" % uid, "--clear-groups"] + cmd
        env = dict(os.environ, PSEUDOFS_NO_BUILD=os.environ.get("PSEUDOFS_NO_BUILD", "1"))
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd="/",
                               env=env)

    def start(self):
        r = self.cli("mount", "--root", self.root, "--demo", "--fixture", self.fixture,
                     "--allow-other", "--background")
        if r.returncode != 0:
            raise RuntimeError("pseudofs mount failed: " + r.stderr + r.stdout)
        m = re.search(r"pid (\d+)", r.stdout)
        self.pid = int(m.group(1))
        self.pids.append(self.pid)
        return self

    def path(self, rel):
        return os.path.join(self.root, rel)

    def alive(self):
        try:
            os.kill(self.pid, 0)
            with open("/proc/%d/stat" % self.pid) as f:
                return f.read().split(") ")[1][0] != "Z"
        except OSError:
            return False

    def rss_kb(self):
        with open("/proc/%d/status" % self.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return -1

    def log_problems(self):
        try:
            with open(self.log, errors="replace") as f:
                lines = f.read().splitlines()
        except OSError as e:
            return ["cannot read the server log %s: %s" % (self.log, e)]
        return [l for l in lines if "Exception" in l or "Error" in l or l.startswith("\tat ")
                or " ERROR " in l]

    def mounts(self):
        real = os.path.realpath(self.root)
        with open("/proc/self/mounts") as f:
            return [l.split()[1] for l in f if l.split()[1].startswith(real + "/")]

    def stop(self):
        """Unmounts; returns a list of leaks (mounts or processes left)."""
        self.cli("umount", self.root)
        leaks = []
        deadline = time.monotonic() + 15
        for pid in self.pids:
            while time.monotonic() < deadline and _pid_alive(pid):
                time.sleep(0.1)
            if _pid_alive(pid):
                leaks.append("server pid %d still running after umount" % pid)
        for m in self.mounts():
            leaks.append("mount left: " + m)
        if not leaks:  # nothing is mounted below it any more: only the mount point directories
            shutil.rmtree(self.root)
        return leaks


def _pid_alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(") ")[1][0] != "Z"
    except OSError:
        return False


# --------------------------------------------------------------------------------------------
# Node kinds: each of ours paired with host candidates of the same kind and mode.
# junk: 2 = writes of rejected input ("abc") at any position, empty writes and truncate are
# harmless on the host node (sysfs ignores the position, proc files without a write method
# refuse); 1 = only "abc" at position 0 (a sysctl ignores a write at another position but still
# runs its handler, which for vm/drop_caches acts on the last value); 0 = never written.

FILE_KINDS = [
    # kind, ours (below the root), host candidates (globs, first existing wins), junk-writes
    ("sysfs-attr-0444", "sys/kernel/rel/ro", ["/sys/kernel/uevent_seqnum"], 2),
    ("sysfs-attr-0644", "sys/kernel/rel/rw", ["/sys/kernel/rcu_expedited"], 2),
    ("sysfs-attr-0400", "sys/kernel/my_state/system_enabled", ["/sys/kernel/slab/*/objects"], 2),
    ("sysfs-attr-0600", "sys/kernel/my_state/clock", ["/sys/kernel/slab/*/cpu_partial"], 2),
    ("sysfs-attr-0200", "sys/kernel/rel/wo", ["/sys/bus/*/uevent"], 2),
    ("sysfs-bin-0444", "sys/kernel/rel/notes", ["/sys/kernel/notes"], 2),
    ("proc-single", "proc/my_state", ["/proc/version"], 2),
    ("proc-seq", "proc/demo_numbers", ["/proc/cpuinfo"], 2),
    ("proc-pid-file", "proc/1/status", ["/proc/1/status"], 2),
    ("proc-pid-comm", "proc/1/comm", ["/proc/1/comm"], 0),
    ("sysctl-0644", "proc/sys/kernel/threads-max", ["/proc/sys/kernel/threads-max"], 1),
    ("sysctl-0444", "proc/sys/kernel/rel_ro", ["/proc/sys/kernel/ngroups_max"], 1),
    ("sysctl-0600", "proc/sys/kernel/rel_secret", ["/proc/sys/kernel/cad_pid"], 1),
    ("sysctl-0200", "proc/sys/kernel/rel_wo", ["/proc/sys/vm/drop_caches"], 1),
    ("sysctl-string", "proc/sys/kernel/rel_name", ["/proc/sys/kernel/hostname"], 0),
]
LINK_KINDS = [
    ("sysfs-link", "sys/class/rel/rel0", ["/sys/class/net/lo"]),
    ("proc-self", "proc/self", ["/proc/self"]),
]
# kind, ours dir, its file child, its subdirectory child, host dir, host file, host subdir
DIR_KINDS = [
    ("sysfs-dir", "sys/kernel", "rel_seqnum", "my_state", "/sys/kernel", "uevent_seqnum", "mm"),
    ("sysfs-root", "sys", None, "kernel", "/sys", None, "kernel"),
    ("proc-root", "proc", "my_state", "sys", "/proc", "version", "sys"),
    ("proc-pid-dir", "proc/1", "status", None, "/proc/1", "status", None),
    ("sysctl-dir", "proc/sys/kernel", "threads-max", "reldir", "/proc/sys/kernel", "ngroups_max", "random"),
    ("debugfs-root", "sys/kernel/debug", None, "my_state", "/sys/kernel/debug", None, "sched"),
]
# Nodes without a host twin (configfs is not in this kernel; host debugfs files are locked down).
OURS_ONLY_FILES = [
    "sys/kernel/rel/mode", "sys/devices/rel0/online", "sys/devices/rel0/name",
    "proc/rel_info", "proc/sys/kernel/reldir/value", "sys/kernel/debug/my_state/enable",
    "sys/kernel/debug/my_state/system_state", "sys/kernel/debug/sched/wakeup_granularity_ns",
    "sys/kernel/debug/rel/count", "sys/kernel/debug/rel/flag", "sys/kernel/debug/rel/hex",
    "sys/kernel/config/rel/item0/size", "sys/kernel/config/rel/item0/enabled",
    "sys/kernel/config/rel/item0/mode", "sys/kernel/config/01-childless/description",
    "sys/module/demo/parameters/count", "proc/uptime", "proc/meminfo",
]
CONFIG_GROUPS = ["sys/kernel/config/rel", "sys/kernel/config/02-simple-children"]
POLL_ALL = select.POLLIN | select.POLLOUT | select.POLLPRI


def debugfs_mounted(path):
    """Whether debugfs is mounted on path: without it /sys/kernel/debug is an empty sysfs
    mount point (K10), not a debugfs directory."""
    with open("/proc/self/mounts") as f:
        return any(l.split()[1] == path and l.split()[2] == "debugfs" for l in f)


def host_node(globs):
    for g in globs:
        for p in sorted(glob.glob(g)):
            if os.path.exists(p) or os.path.islink(p):
                return p
    return None


# --------------------------------------------------------------------------------------------
# Differential table.

def file_ops(junk):
    """The operations run on a file pair: (name, steps); a step list runs on one worker."""
    ops = [
        ("stat", [("stat",)]),
        ("open-r", [("open", ["r"])]),
        ("open-w", [("open", ["w"])]),
        ("open-rw", [("open", ["rw"])]),
        ("open-dir", [("open", ["r", "dir"])]),
        ("open-creat-excl", [("open", ["w", "creat", "excl"])]),
        ("read", [("open", ["r"]), ("read", 4096)]),
        ("read-0", [("open", ["r"]), ("read", 0)]),
        ("pread-far", [("open", ["r"]), ("pread", 100, 100000)]),
        ("lseek-end", [("open", ["r"]), ("lseek", 0, os.SEEK_END)]),
        ("lseek-neg", [("open", ["r"]), ("lseek", -1, os.SEEK_SET)]),
        ("lseek-data", [("open", ["r"]), ("lseek", 1, os.SEEK_DATA)]),    # FUSE_LSEEK (K23, Q10, C6)
        ("lseek-hole", [("open", ["r"]), ("lseek", 0, os.SEEK_HOLE)]),
        ("ioctl", [("open", ["r"]), ("ioctl", 0x80087001, 8)]),           # _IOR('p', 1, 8): ENOTTY
        ("poll-fresh", [("open", ["r"]), ("poll",)]),
        ("poll-after-read", [("open", ["r"]), ("read", 4096), ("poll",)]),
        ("mmap", [("open", ["r"]), ("mmap",)]),
        ("chmod-same", [("chmod-same",)]),
        ("unlink", [("unlink",)]),
        ("rename", [("rename",)]),
        ("link", [("link",)]),
    ]
    if junk >= 1:
        ops += [("write-junk", [("open", ["w"]), ("write", "abc\n")]),
                ("poll-w", [("open", ["w"]), ("poll",)])]
    if junk >= 2:
        ops += [("write-empty", [("open", ["w"]), ("write", "")]),
                ("pwrite-junk-1", [("open", ["w"]), ("pwrite", "abc\n", 1)]),
                ("truncate", [("truncate",)])]
    return ops


def dir_ops(has_file, has_sub):
    ops = [
        ("stat", [("stat",)]),
        ("listdir", [("listdir",)]),
        ("open-w", [("open", ["w"])]),
        ("read-dirfd", [("open", ["r"]), ("read", 4096)]),
        ("ioctl-dirfd", [("open", ["r"]), ("ioctl", 0x80087001, 8)]),  # FUSE_IOCTL_DIR: ENOTTY
        ("chmod-same", [("chmod-same",)]),
        ("mkdir-new", [("mkdir", "rel_new")]),
        ("creat-new", [("creat", "rel_new")]),
        ("symlink-new", [("symlink", "rel_new")]),
        ("mkfifo-new", [("mkfifo", "rel_new")]),
        ("rmdir-missing", [("rmdir", "rel_missing")]),
        ("unlink-missing", [("unlink", "rel_missing")]),
    ]
    if has_file:
        ops += [("unlink-file", [("unlink", "$file")]),
                ("rename-file", [("rename", "$file", "rel_new")]),
                ("link-file", [("link", "$file", "rel_new")]),
                ("creat-excl-file", [("creat-excl", "$file")]),
                ("mkdir-file", [("mkdir", "$file")])]
    if has_sub:
        ops += [("rmdir-sub", [("rmdir", "$sub")]),
                ("rename-sub", [("rename", "$sub", "rel_new")]),
                ("unlink-sub", [("unlink", "$sub")])]
    return ops


def run_steps(w, path, steps, names=None, trace=None):
    """Runs steps on one worker; returns the outcome of the last step that ran (an earlier
    failure ends the sequence and is the outcome). Closes what it opened. With trace (a list),
    appends (step name, result) for every step that ran."""
    fd = None
    res = {"ok": 0}
    try:
        for st in steps:
            kind = st[0]
            if kind == "open":
                res = w.call(op="open", path=path, flags=st[1])
                if "ok" in res:
                    fd = res["ok"]
            elif kind == "read":
                res = w.call(op="read", fd=fd, n=st[1])
            elif kind == "pread":
                res = w.call(op="pread", fd=fd, n=st[1], off=st[2])
            elif kind == "lseek":
                res = w.call(op="lseek", fd=fd, off=st[1], whence=st[2])
            elif kind == "ioctl":
                res = w.call(op="ioctl", fd=fd, cmd=st[1], n=st[2])
            elif kind == "poll":
                res = w.call(op="poll", fd=fd, events=POLL_ALL, ms=0)
            elif kind == "mmap":
                res = w.call(op="mmap", fd=fd)
            elif kind == "write":
                res = w.call(op="write", fd=fd, data=st[1])
            elif kind == "pwrite":
                res = w.call(op="pwrite", fd=fd, data=st[1], off=st[2])
            elif kind in ("stat", "lstat", "readlink"):
                res = w.call(op=kind, path=path)
            elif kind == "listdir":
                res = w.call(op="listdir", path=path)
            elif kind == "chmod-same":
                res = w.call(op="lstat", path=path)
                if "ok" in res:
                    res = w.call(op="chmod", path=path, mode=stat.S_IMODE(res["ok"][0]))
            elif kind == "unlink" and len(st) == 1:
                res = w.call(op="unlink", path=path)
            elif kind == "rename" and len(st) == 1:
                res = w.call(op="rename", path=path, to=path + ".rel_new")
            elif kind == "link" and len(st) == 1:
                res = w.call(op="link", path=path, to=path + ".rel_new")
            elif kind == "truncate":
                res = w.call(op="truncate", path=path, n=0)
            else:  # directory namespace operations on a named child
                args = [names.get(a, a) if names else a for a in st[1:]]
                child = os.path.join(path, args[0])
                if kind == "mkdir":
                    res = w.call(op="mkdir", path=child)
                elif kind == "rmdir":
                    res = w.call(op="rmdir", path=child)
                elif kind == "unlink":
                    res = w.call(op="unlink", path=child)
                elif kind == "creat":
                    res = w.call(op="open", path=child, flags=["w", "creat"])
                    if "ok" in res:
                        fd = res["ok"]
                elif kind == "creat-excl":
                    res = w.call(op="open", path=child, flags=["w", "creat", "excl"])
                    if "ok" in res:
                        fd = res["ok"]
                elif kind == "symlink":
                    res = w.call(op="symlink", path=child, target="rel_target")
                elif kind == "mkfifo":
                    res = w.call(op="mkfifo", path=child)
                elif kind == "rename":
                    res = w.call(op="rename", path=child, to=os.path.join(path, args[1]))
                elif kind == "link":
                    res = w.call(op="link", path=child, to=os.path.join(path, args[1]))
                else:
                    raise ValueError(kind)
            if trace is not None:
                trace.append((st[0], res))
            if "err" in res:
                break
    finally:
        if fd is not None:
            w.call(op="close", fd=fd)
    return res


def compare_value(opname, host, ours):
    """The outcome text compared: errno, or for poll the mask, or for stat the file type and
    permission bits."""
    if "err" in host or "err" in ours:
        return outcome(host), outcome(ours)
    if opname.startswith("poll"):
        return poll_text(host["ok"]), poll_text(ours["ok"])
    return "OK", "OK"


def poll_text(mask):
    names = [(select.POLLIN, "IN"), (select.POLLPRI, "PRI"), (select.POLLOUT, "OUT"),
             (select.POLLERR, "ERR"), (select.POLLHUP, "HUP"), (select.POLLNVAL, "NVAL")]
    return "|".join(n for b, n in names if mask & b) or "0"


class Report:
    def __init__(self):
        self.diffs = {}            # (op, kind, caller, host, ours) -> count
        self.hangs = []
        self.ops = 0
        self.errors = collections.Counter()
        self.max_us = collections.defaultdict(int)
        self.problems = []         # failures that are not differences
        self.notes = []
        self.figures = collections.OrderedDict()
        self.skipped = []
        self.skipped_kinds = set()

    def count(self, opname, res):
        self.ops += 1
        if "err" in res:
            self.errors[res["err"]] += 1
        if "us" in res:
            self.max_us[opname] = max(self.max_us[opname], res["us"])

    def diff(self, op, kind, caller, host, ours):
        key = (op, kind, caller, host, ours)
        self.diffs[key] = self.diffs.get(key, 0) + 1


class Counting:
    """Wraps a worker so every call counts in the report."""

    def __init__(self, worker, report):
        self.w = worker
        self.report = report

    def call(self, **req):
        try:
            res = self.w.call(**req)
        except Hang as h:
            self.report.hangs.append(str(h))
            res = {"err": "HANG"}
        self.report.count(req["op"], res)
        return res


def phase_diff(srv, workers, report):
    """Every op of the table on every paired kind, host and ours, root and nobody."""
    for kind, ours, globs, junk in FILE_KINDS:
        host = host_node(globs)
        if host is None:
            report.skipped.append("%s: no host node (%s)" % (kind, ", ".join(globs)))
            report.skipped_kinds.add(kind)
            continue
        for caller, w in workers.items():
            for opname, steps in file_ops(junk):
                h = run_steps(w, host, steps)
                o = run_steps(w, srv.path(ours), steps)
                hv, ov = compare_value(opname, h, o)
                if hv != ov:
                    report.diff(opname, kind, caller, hv, ov)
                if "ok" in h and opname in ("unlink", "rename", "link"):
                    report.problems.append("host accepted %s of %s as %s: check the table" % (opname, host, caller))
    for kind, ours, globs in LINK_KINDS:
        host = host_node(globs)
        for caller, w in workers.items():
            for opname, steps in [("lstat", [("lstat",)]), ("readlink", [("readlink",)]),
                                  ("stat", [("stat",)]), ("unlink", [("unlink",)]),
                                  ("open-nofollow", [("open", ["r", "nofollow"])]),
                                  ("chmod-same", [("chmod-same",)])]:
                h = run_steps(w, host, steps)
                o = run_steps(w, srv.path(ours), steps)
                hv, ov = compare_value(opname, h, o)
                if hv != ov:
                    report.diff(opname, kind, caller, hv, ov)
    for kind, ours, ofile, osub, host, hfile, hsub in DIR_KINDS:
        if not os.path.isdir(host) or (kind.startswith("debugfs") and not debugfs_mounted(host)):
            report.skipped.append("%s: no host directory %s" % (kind, host))
            report.skipped_kinds.add(kind)
            continue
        for caller, w in workers.items():
            for opname, steps in dir_ops(hfile is not None and ofile is not None,
                                         hsub is not None and osub is not None):
                h = run_steps(w, host, steps, {"$file": hfile, "$sub": hsub})
                o = run_steps(w, srv.path(ours), steps, {"$file": ofile, "$sub": osub})
                hv, ov = compare_value(opname, h, o)
                if hv != ov:
                    report.diff(opname, kind, caller, hv, ov)
                if "ok" in h and opname not in ("stat", "listdir", "read-dirfd", "chmod-same", "open-w"):
                    report.problems.append("host accepted %s in %s as %s: check the table" % (opname, host, caller))


# --------------------------------------------------------------------------------------------
# Seeded random operations.

VALUES = ["0", "1", "2", "7", "100", "-1", "4096", "0x10", "abc", "", "\n", " 1", "1 2",
          "Y", "n", "on", "rw", "ro", "auto", "off", "x" * 70, "9" * 25, "1\x00junk"]


def phase_fuzz(srv, workers, report, seed, nops, deadline=None):
    """Random operations on random nodes of every view; a node with a host twin gets the same
    operation there and the answers are compared (host writes only with rejected input)."""
    rnd = random.Random(seed)
    pairs = []
    for kind, ours, globs, junk in FILE_KINDS:
        host = host_node(globs)
        pairs.append((kind, srv.path(ours), host, junk))
    singles = [srv.path(p) for p in OURS_ONLY_FILES]
    callers = list(workers.items())
    item_names = ["fz%d" % i for i in range(6)]
    done = 0
    while done < nops and (deadline is None or time.monotonic() < deadline):
        done += 1
        caller, w = rnd.choice(callers)
        r = rnd.random()
        if r < 0.15:  # configfs namespace: mkdir/rmdir/write in the groups
            grp = srv.path(rnd.choice(CONFIG_GROUPS))
            name = os.path.join(grp, rnd.choice(item_names))
            choice = rnd.random()
            if choice < 0.4:
                w.call(op="mkdir", path=name)
            elif choice < 0.7:
                w.call(op="rmdir", path=name)
            elif choice < 0.85:
                w.call(op="listdir", path=grp)
            else:
                run_steps(w, os.path.join(name, rnd.choice(["size", "enabled", "mode", "storeme"])),
                          [("open", ["w"]), ("write", rnd.choice(VALUES))])
            continue
        if r < 0.45:  # ours only, any value (valid ones change state)
            path = rnd.choice(singles)
            steps = random_steps(rnd, True)
            run_steps(w, path, steps)
            continue
        kind, ours, host, junk = rnd.choice(pairs)
        steps = random_steps(rnd, host is None, host is None or junk >= 2)
        otrace, htrace = [], []
        run_steps(w, ours, steps, trace=otrace)
        if host is not None:
            run_steps(w, host, steps, trace=htrace)
            # The first step whose answer differs names the difference.
            for (step, h), (_, o) in zip(htrace, otrace):
                hv, ov = compare_value(step, h, o)
                if hv != ov:
                    report.diff("fuzz:" + step, kind, caller, hv, ov)
                    break
            else:
                if len(htrace) != len(otrace):
                    report.problems.append("fuzz: traces of different length on %s" % kind)
    report.figures["fuzz operations (sequences)"] = done


def random_steps(rnd, any_value, junk=True):
    """A random open+operations sequence; writes use any value only when any_value."""
    mode = rnd.choice([["r"], ["r"], ["w"], ["rw"], ["r", "nonblock"]])
    steps = [("open", mode)]
    for _ in range(rnd.randint(1, 4)):
        k = rnd.random()
        if k < 0.35:
            steps.append(("read", rnd.choice([1, 3, 16, 4096, 65536])))
        elif k < 0.45:
            steps.append(("pread", rnd.choice([1, 16, 4096]), rnd.choice([0, 1, 5, 4095, 4096, 10000])))
        elif k < 0.55:
            steps.append(("lseek", rnd.choice([0, 1, 4096, 5000]), rnd.choice([0, 1, 2])))
        elif k < 0.7:
            steps.append(("poll",))
        elif any_value:
            steps.append(rnd.choice([("write", rnd.choice(VALUES)), ("pwrite", rnd.choice(VALUES), rnd.choice([0, 1, 100]))]))
        elif junk:
            steps.append(("write", rnd.choice(["abc", "abc\n", "zz z", "#"])))
        else:
            steps.append(("read", 4096))
    return steps


# --------------------------------------------------------------------------------------------
# Soak: processes at once, each looping on its own role and reporting its figures.

def soak_main(role, root, seconds, seed):
    """Runs in a soak process: loops on `role` for `seconds`, prints JSON figures at the end.
    A watchdog thread reports an operation that takes longer than HANG_SECONDS."""
    rnd = random.Random(seed)
    fig = {"ops": 0, "errors": {}, "max_us": 0, "hangs": [], "wakeups": 0, "poll_timeouts": 0}
    current = {"op": None, "t": 0.0}

    def watchdog():
        while True:
            time.sleep(0.5)
            op, t = current["op"], current["t"]
            if op and time.monotonic() - t > HANG_SECONDS:
                fig["hangs"].append(op)
                sys.stdout.write(json.dumps(fig) + "\n")
                sys.stdout.flush()
                os._exit(3)

    threading.Thread(target=watchdog, daemon=True).start()

    def timed(name, fn, *args):  # a poll blocks by design: its time is not a latency
        current["op"], current["t"] = name, time.monotonic()
        t0 = time.monotonic()
        try:
            return fn(*args)
        except OSError as e:
            n = errno.errorcode.get(e.errno, str(e.errno))
            fig["errors"][n] = fig["errors"].get(n, 0) + 1
            return None
        finally:
            us = int((time.monotonic() - t0) * 1e6)
            if not name.startswith("poll") and us > fig["max_us"]:
                fig["max_us"], fig["max_op"] = us, name.split(" ")[0]
            fig["ops"] += 1
            current["op"] = None

    def p(rel):
        return os.path.join(root, rel)

    end = time.monotonic() + seconds
    clock = p("sys/kernel/my_state/clock")
    if role == "poller":
        # The kernfs protocol (K31): open, read, poll for PRI, then lseek(0)+read, repeat.
        fd = timed("open clock", os.open, clock, os.O_RDONLY)
        if fd is not None:
            timed("read clock", os.read, fd, 4096)
            po = select.poll()
            po.register(fd, select.POLLPRI | select.POLLERR)
            while time.monotonic() < end:
                ev = timed("poll clock", po.poll, 2000)
                if ev:
                    fig["wakeups"] += 1
                    timed("lseek clock", os.lseek, fd, 0, 0)
                    timed("read clock", os.read, fd, 4096)
                else:
                    fig["poll_timeouts"] += 1
            os.close(fd)
    elif role == "writer":
        targets = [clock, p("sys/kernel/rel/rw"), p("proc/sys/kernel/threads-max"),
                   p("sys/kernel/debug/my_state/enable"), p("sys/kernel/debug/rel/count")]
        while time.monotonic() < end:
            path = rnd.choice(targets)
            fd = timed("open " + path, os.open, path, os.O_WRONLY)
            if fd is None:
                continue
            timed("write " + path, os.write, fd, rnd.choice([b"1", b"0", b"100\n", b"abc", b"20000\n"]))
            os.close(fd)
            time.sleep(0.002)
    elif role == "configfs":
        grp = p(rnd.choice(CONFIG_GROUPS))
        while time.monotonic() < end:
            name = os.path.join(grp, "race%d" % rnd.randint(0, 3))
            if rnd.random() < 0.5:
                timed("mkdir " + name, os.mkdir, name)
            else:
                timed("rmdir " + name, os.rmdir, name)
            if rnd.random() < 0.3:
                attr = os.path.join(name, rnd.choice(["size", "storeme", "enabled"]))
                fd = timed("open " + attr, os.open, attr, os.O_RDWR)
                if fd is not None:
                    timed("write " + attr, os.write, fd, b"42\n")
                    timed("read " + attr, os.pread, fd, 4096, 0)
                    os.close(fd)
    else:  # reader
        files = [p(f) for f in OURS_ONLY_FILES] + [p(k[1]) for k in FILE_KINDS]
        dirs = [p(d) for d in ("sys/kernel", "proc", "proc/sys/kernel", "sys/kernel/debug",
                                "sys/kernel/config/rel", "sys/module/demo/parameters")]
        while time.monotonic() < end:
            if rnd.random() < 0.15:
                timed("listdir", os.listdir, rnd.choice(dirs))
                continue
            path = rnd.choice(files)
            fd = timed("open " + path, os.open, path, os.O_RDONLY)
            if fd is None:
                continue
            timed("read " + path, os.read, fd, rnd.choice([16, 4096, 65536]))
            if rnd.random() < 0.2:
                timed("pread " + path, os.pread, fd, 4096, 0)
            os.close(fd)
    sys.stdout.write(json.dumps(fig) + "\n")


def phase_soak(srv, report, seconds, procs, seed):
    src = open(os.path.abspath(__file__)).read()
    roles = ["poller", "poller", "writer", "configfs", "configfs", "reader"]
    while len(roles) < procs:
        roles.append(["reader", "writer", "configfs", "poller"][len(roles) % 4])
    roles = roles[:max(procs, 4)]
    time.sleep(1)
    rss_before = srv.rss_kb()
    running = []
    for i, role in enumerate(roles):
        cmd = [sys.executable, "-c", src, "soak", role, srv.root, str(seconds), str(seed + i)]
        if role == "reader" and i % 2 == 1:
            cmd = ["setpriv", "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY, "--clear-groups"] + cmd
        running.append((role, subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd="/")))
    ops = 0
    errors = collections.Counter()
    max_us, max_op = 0, "-"
    wakeups = 0
    for role, pr in running:
        try:
            out, _ = pr.communicate(timeout=seconds + HANG_SECONDS + 20)
        except subprocess.TimeoutExpired:
            pr.kill()
            pr.communicate()
            report.hangs.append("soak %s process did not finish" % role)
            continue
        if not out.strip():
            report.problems.append("soak %s process exited %d without figures" % (role, pr.returncode))
            continue
        fig = json.loads(out.strip().splitlines()[-1])
        ops += fig["ops"]
        errors.update(fig["errors"])
        if fig["max_us"] > max_us:
            max_us, max_op = fig["max_us"], fig.get("max_op", "?")
        wakeups += fig["wakeups"]
        report.hangs += ["soak %s: %s" % (role, h) for h in fig["hangs"]]
    time.sleep(1)
    rss_after = srv.rss_kb() if srv.alive() else -1
    if roles.count("poller") and wakeups == 0:
        report.problems.append("soak: no poller was ever woken by the writers' notifies")
    report.ops += ops
    report.errors.update(errors)
    report.max_us["soak: %s" % max_op] = max(report.max_us["soak: %s" % max_op], max_us)
    report.figures["soak processes"] = "%d (%s)" % (len(roles), ", ".join(
        "%d %s" % (roles.count(r), r) for r in sorted(set(roles))))
    report.figures["soak seconds"] = seconds
    report.figures["soak operations"] = ops
    report.figures["soak poll wake-ups"] = wakeups
    report.figures["server RSS before soak (kB)"] = rss_before
    report.figures["server RSS after soak (kB)"] = rss_after


# --------------------------------------------------------------------------------------------
# kill -9 and recover.

HELD = ["sys/kernel/rel/rw", "proc/my_state", "sys/kernel/debug/rel/count",
        "sys/kernel/config/rel/item0/size"]
VIEWS = ["sys", "proc", "sys/kernel/debug", "sys/kernel/config"]


def phase_kill9(srv, root_worker, report, rounds):
    for rnd_no in range(rounds):
        fds = []
        for rel in HELD:
            res = root_worker.call(op="open", path=srv.path(rel), flags=["r"])
            if "ok" not in res:
                report.problems.append("kill9: cannot open %s: %s" % (rel, outcome(res)))
            else:
                fds.append(res["ok"])
        os.kill(srv.pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while _pid_alive(srv.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        # listdir, not stat: the kernel may answer stat from its attribute cache. The FUSE
        # client says ENOTCONN, or ECONNABORTED for a request it aborted with the connection.
        for view in VIEWS:
            res = root_worker.call(op="listdir", path=srv.path(view))
            if outcome(res) not in ("ENOTCONN", "ECONNABORTED"):
                report.problems.append("kill9 round %d: ls %s after kill -9 gave %s, not ENOTCONN"
                                       % (rnd_no, view, outcome(res)))
        for fd in fds:
            res = root_worker.call(op="read", fd=fd, n=4096)
            if outcome(res) not in ("ENOTCONN", "ECONNABORTED"):
                report.problems.append("kill9 round %d: read of a held fd gave %s, not ENOTCONN"
                                       % (rnd_no, outcome(res)))
        root_worker.call(op="closeall")
        t0 = time.monotonic()
        srv.start()
        report.figures.setdefault("kill9 recovery mount (s, max)", 0)
        report.figures["kill9 recovery mount (s, max)"] = round(max(
            report.figures["kill9 recovery mount (s, max)"], time.monotonic() - t0), 2)
        for rel in HELD + ["sys/kernel/my_state/system_enabled", "proc/sys/kernel/threads-max"]:
            res = run_steps(root_worker, srv.path(rel), [("open", ["r"]), ("read", 4096)])
            if "ok" not in res:
                report.problems.append("kill9 round %d: after recovery %s gave %s"
                                       % (rnd_no, rel, outcome(res)))
        r = srv.cli("lsmod", srv.root)
        if r.returncode != 0 or "demo" not in r.stdout:
            report.problems.append("kill9 round %d: lsmod after recovery: %s" % (rnd_no, r.stderr.strip()))
    report.figures["kill9 rounds"] = rounds


# --------------------------------------------------------------------------------------------
# Unprivileged probes: what uid 65534 must be refused. Results go through the difference list
# (kind "unprivileged", host = what is expected), so a known gap is listed with its reason.

def phase_probes(srv, nobody, report):
    expect = [
        ("open-w", "sys/kernel/rel/rw", ["w"], "EACCES"),
        ("open-w", "proc/sys/kernel/threads-max", ["w"], "EACCES"),
        ("open-w", "sys/kernel/config/rel/item0/size", ["w"], "EACCES"),
        ("open-r", "sys/kernel/my_state/system_enabled", ["r"], "EACCES"),
        ("open-r", "sys/kernel/my_state/clock", ["r"], "EACCES"),
        ("open-r", "proc/sys/kernel/rel_secret", ["r"], "EACCES"),
        ("open-r", "sys/kernel/debug/rel/flag", ["r"], "EACCES"),
    ]
    for opname, rel, flags, want in expect:
        res = run_steps(nobody, srv.path(rel), [("open", flags)])
        if outcome(res) != want:
            report.diff(opname + " " + rel, "unprivileged", "nobody", want, outcome(res))
    for opname, req, want in [
            ("mkdir config group", dict(op="mkdir", path=srv.path("sys/kernel/config/rel/nb")), "EACCES"),
            ("rmdir config item", dict(op="rmdir", path=srv.path("sys/kernel/config/rel/item0")), "EACCES"),
            ("chmod attr", dict(op="chmod", path=srv.path("sys/kernel/rel/rw"), mode=0o666), "EPERM"),
            ("chmod sysctl", dict(op="chmod", path=srv.path("proc/sys/kernel/threads-max"), mode=0o666), "EPERM")]:
        res = nobody.call(**req)
        if outcome(res) != want:
            report.diff(opname, "unprivileged", "nobody", want, outcome(res))
    # The control channel: a user other than root and the server's own must be refused.
    for args in (["lsmod", srv.root], ["get", srv.root, "sys/kernel/my_state/clock"],
                 ["set", srv.root, "sys/kernel/rel/rw", "1"]):
        r = srv.cli(*args, uid=NOBODY)
        if r.returncode == 0:
            report.diff("pseudofs " + args[0], "control-socket", "nobody", "refused", "OK")
        elif "Traceback" in r.stderr or "\tat " in r.stderr or len(r.stderr.strip().splitlines()) > 1:
            report.problems.append("pseudofs %s as nobody: not one line on stderr: %s" % (args[0], r.stderr))
    # Refused = a non-zero exit within 5 s, the server still running.
    try:
        r = srv.cli("umount", srv.root, uid=NOBODY, timeout=5)
        how = "exit %d" % r.returncode
    except subprocess.TimeoutExpired:  # run() has killed it
        r, how = None, "still waiting after 5 s"
    if not srv.alive():
        report.diff("pseudofs umount", "control-socket", "nobody", "refused", "server stopped")
        srv.start()  # so the phase can still end cleanly
    elif r is None or r.returncode == 0:
        report.diff("pseudofs umount", "control-socket", "nobody", "refused", "not refused")
        report.notes.append("pseudofs umount as nobody: " + how)


# --------------------------------------------------------------------------------------------
# Known differences and the run.

def read_known(path):
    known = {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 6 or not cols[5].strip():
                raise SystemExit("%s:%d: want 6 tab-separated columns, the last a reason" % (path, n))
            known[tuple(cols[:5])] = cols[5]
    return known


def run(args):
    """Runs the phases in order against one server (kill9 restarts it on the same root)."""
    report = Report()
    report.figures["seed"] = args.seed
    phases = args.phases.split(",")
    known = read_known(args.known)
    t_start = time.monotonic()
    srv = Server(args.pseudofs, args.workdir, args.fixture).start()
    report.figures["server start (s)"] = round(time.monotonic() - t_start, 1)
    workers = {"root": Worker(0), "nobody": Worker(NOBODY)}
    counted = {k: Counting(w, report) for k, w in workers.items()}
    try:
        for phase in phases:
            t0 = time.monotonic()
            if phase == "diff":
                phase_diff(srv, counted, report)
            elif phase == "fuzz":
                deadline = None if args.fuzz_seconds is None else time.monotonic() + args.fuzz_seconds
                phase_fuzz(srv, counted, report, args.seed, args.fuzz_ops, deadline)
            elif phase == "soak":
                phase_soak(srv, report, args.soak_seconds, args.soak_procs, args.seed)
            elif phase == "kill9":
                phase_kill9(srv, counted["root"], report, args.kill_rounds)
            elif phase == "probes":
                phase_probes(srv, counted["nobody"], report)
            else:
                raise SystemExit("unknown phase " + phase)
            report.figures["%s seconds" % phase] = round(time.monotonic() - t0, 1)
            if not srv.alive():
                report.problems.append("%s: the server (pid %d) died" % (phase, srv.pid))
                srv.start()
    finally:
        for w in workers.values():
            w.close()
        for line in srv.log_problems()[:10]:
            report.problems.append("server log: %s" % line)
        leaks = srv.stop()
        if not leaks and not report.problems and not report.hangs:
            os.remove(srv.log)  # kept for a failed run only
    report.figures["total seconds"] = round(time.monotonic() - t_start, 1)
    new = {k: v for k, v in report.diffs.items() if k not in known}
    # A listed difference must still be seen, when the phase that finds it ran in full.
    stale = [k for k in known if k not in report.diffs and not k[0].startswith("fuzz:")
             and k[1] not in report.skipped_kinds
             and ("probes" if k[1] in ("unprivileged", "control-socket") else "diff") in phases]
    return report, known, new, stale, leaks


def print_report(report, known, new, stale, leaks, out=sys.stdout):
    w = out.write
    w("## Figures\n\n| figure | value |\n|---|---|\n")
    w("| operations run | %d |\n" % report.ops)
    for k, v in report.figures.items():
        w("| %s | %s |\n" % (k, v))
    w("| hangs (must be 0) | %d |\n" % len(report.hangs))
    w("\n## Errors by errno\n\n| errno | count |\n|---|---|\n")
    for e, n in sorted(report.errors.items(), key=lambda x: -x[1]):
        w("| %s | %d |\n" % (e, n))
    w("\n## Max latency by operation (ms)\n\n| operation | max ms |\n|---|---|\n")
    for op, us in sorted(report.max_us.items(), key=lambda x: -x[1]):
        w("| %s | %.1f |\n" % (op, us / 1000.0))
    w("\n## Differences from the host kernel\n\n| op | kind | caller | host | ours | status |\n"
      "|---|---|---|---|---|---|\n")
    reasons = []
    for k in sorted(report.diffs):
        if k in known:
            if known[k] not in reasons:
                reasons.append(known[k])
            status = "known [%d]" % (reasons.index(known[k]) + 1)
        else:
            status = "NEW"
        w("| %s | %s | %s | %s | %s | %s |\n" % tuple(c.replace("|", "\\|") for c in k + (status,)))
    for k in stale:
        w("| %s | %s | %s | %s | %s | no longer seen: remove it from the known list |\n"
          % tuple(c.replace("|", "\\|") for c in k))
    if reasons:
        w("\nReasons (from known-differences.tsv):\n\n")
        for i, r in enumerate(reasons, 1):
            w("%d. %s\n" % (i, r))
    for n in report.notes:
        w("\nNote: %s\n" % n)
    if report.skipped:
        w("\nSkipped (this host has no such node): %s\n" % "; ".join(report.skipped))
    failures = (["hang: " + h for h in report.hangs] + report.problems
                + ["leak: " + l for l in leaks]
                + ["new difference: %s %s %s host=%s ours=%s" % k for k in new]
                + ["known difference no longer seen (shrink the list): %s %s %s host=%s ours=%s" % k
                   for k in stale])
    w("\n## Result\n\n")
    for f in failures:
        w("FAIL %s\n" % f)
    w("PASS\n" if not failures else "%d failure(s)\n" % len(failures))
    return failures


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        return worker_main()
    if len(sys.argv) > 1 and sys.argv[1] == "soak":
        return soak_main(sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5]))
    ap = argparse.ArgumentParser(description="pseudofs reliability suite")
    repo = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--phases", default="diff,fuzz,soak,probes,kill9")
    ap.add_argument("--fuzz-ops", type=int, default=3000)
    ap.add_argument("--fuzz-seconds", type=float, default=None)
    ap.add_argument("--soak-seconds", type=float, default=20)
    ap.add_argument("--soak-procs", type=int, default=6)
    ap.add_argument("--kill-rounds", type=int, default=2)
    ap.add_argument("--minutes", type=float, default=None,
                    help="the long run: about this many minutes, 30%% fuzz, 60%% soak (overrides"
                         " --fuzz-ops and --soak-seconds)")
    ap.add_argument("--pseudofs", default=os.path.join(repo, "pseudofs"))
    ap.add_argument("--fixture", default=os.path.join(HERE, "..", "resources", "reliability.yaml"))
    ap.add_argument("--known", default=os.path.join(HERE, "..", "resources", "known-differences.tsv"))
    ap.add_argument("--workdir", default=tempfile.gettempdir())
    ap.add_argument("--report", help="also write the report (markdown) to this file")
    args = ap.parse_args()
    if args.minutes is not None:
        args.fuzz_ops = 1 << 62
        args.fuzz_seconds = args.minutes * 60 * 0.3
        args.soak_seconds = args.minutes * 60 * 0.6
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1 << 31)
    args.fixture = os.path.abspath(args.fixture)
    print("reliability: seed %d (rerun with --seed %d), phases %s" % (args.seed, args.seed, args.phases),
          flush=True)
    report, known, new, stale, leaks = run(args)
    failures = print_report(report, known, new, stale, leaks)
    if args.report:
        with open(args.report, "w") as f:
            f.write("Seed %d, phases %s\n\n" % (args.seed, args.phases))
            print_report(report, known, new, stale, leaks, f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
