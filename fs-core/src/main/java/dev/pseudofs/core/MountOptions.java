package dev.pseudofs.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Holds how a {@link Tree} is mounted.
 *
 * <p>Whatever the options, a mount always uses {@code default_permissions} (the kernel checks
 * mode and owner bits, K17 handles root), big writes (one write(2) of up to 128 KiB is one store
 * call, so the page clamp is the kernel's, K25), atomic {@code O_TRUNC}, and one-second entry and
 * attribute timeouts: the bridge tells the kernel at once when a name is removed or a mode or
 * owner changes, so a node added or removed while mounted is seen by the very next {@code ls},
 * {@code stat} or {@code open} (K29) while an open+read+close costs two round trips, not three
 * (measured in bench/README.md). Missing names are never cached. {@code -o entry_timeout=S} and
 * {@code -o attr_timeout=S} change the timeouts. {@code -o spin=MICROS} sets how long a request
 * worker polls for the next request before it sleeps ({@link #spinMicros}); {@code -o noxattr}
 * turns extended attributes off ({@link #xattrs}). The other {@code -o} options go to libfuse.
 *
 * @param pageSize the page size of show/store files (4096 on x86-64)
 * @param allowOther whether users other than the mounting one may use the mount
 * @param readOnly whether the mount is read-only ({@code ro})
 * @param singleThreaded whether one worker serves every request, with no watchdog adding
 *     readers when a callback blocks ({@code -s})
 * @param fsName the fsname shown in /proc/mounts
 * @param extraOptions further {@code -o} options, passed to libfuse as given
 * @param readyTimeout how long to wait for the kernel's INIT before giving up
 */
public record MountOptions(int pageSize, boolean allowOther, boolean readOnly,
                           boolean singleThreaded, String fsName, List<String> extraOptions,
                           Duration readyTimeout) {
    /** Validates and copies the components. */
    public MountOptions {
        Objects.requireNonNull(fsName, "fsName");
        extraOptions = List.copyOf(extraOptions);
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        if (fsName.isEmpty() || fsName.contains(",")) {
            throw new IllegalArgumentException("bad fsname: " + fsName);
        }
        spinOf(extraOptions); // a bad -o spin= is refused where it is given
    }

    /** Returns the defaults: page 4096, private, writable, watchdog-backed workers, fsname "pseudofs". */
    public static MountOptions defaults() {
        return new MountOptions(4096, false, false, false, "pseudofs", List.of(), Duration.ofSeconds(15));
    }

    /** Returns a copy with another page size. */
    public MountOptions withPageSize(int v) {
        return new MountOptions(v, allowOther, readOnly, singleThreaded, fsName, extraOptions, readyTimeout);
    }

    /** Returns a copy that lets other users in ({@code allow_other}). */
    public MountOptions withAllowOther(boolean v) {
        return new MountOptions(pageSize, v, readOnly, singleThreaded, fsName, extraOptions, readyTimeout);
    }

    /** Returns a copy mounted read-only or not. */
    public MountOptions withReadOnly(boolean v) {
        return new MountOptions(pageSize, allowOther, v, singleThreaded, fsName, extraOptions, readyTimeout);
    }

    /** Returns a copy served by one worker only, or with the stall watchdog (the default). */
    public MountOptions withSingleThreaded(boolean v) {
        return new MountOptions(pageSize, allowOther, readOnly, v, fsName, extraOptions, readyTimeout);
    }

    /** Returns a copy with another fsname. */
    public MountOptions withFsName(String v) {
        return new MountOptions(pageSize, allowOther, readOnly, singleThreaded, v, extraOptions, readyTimeout);
    }

    /** Returns a copy with one more {@code -o} option. */
    public MountOptions withOption(String option) {
        List<String> more = new ArrayList<>(extraOptions);
        more.add(option);
        return new MountOptions(pageSize, allowOther, readOnly, singleThreaded, fsName, more, readyTimeout);
    }

    /** Returns the libfuse command-line arguments (mount options) these options stand for. */
    public List<String> fuseArguments() {
        StringBuilder o = new StringBuilder("default_permissions")
                .append(",fsname=").append(fsName).append(",subtype=pseudofs");
        if (allowOther) {
            o.append(",allow_other");
        }
        if (readOnly) {
            o.append(",ro");
        }
        for (String opt : extraOptionList()) {
            String key = opt.contains("=") ? opt.substring(0, opt.indexOf('=')) : opt;
            if (!BRIDGE_OPTIONS.contains(key)) {
                o.append(',').append(opt);
            }
        }
        return List.of("-o", o.toString());
    }

    // Options the bridge itself implements (libfuse 2's high-level names, accepted for habit).
    private static final List<String> BRIDGE_OPTIONS = List.of("entry_timeout", "attr_timeout",
            "negative_timeout", "use_ino", "hard_remove", "big_writes", "spin", "noxattr");

    /** The default of {@link #spinMicros}: longer than this machine's round trip of a reply and the next request. */
    public static final int DEFAULT_SPIN_MICROS = 50;

    /**
     * Returns how long, in microseconds, a request worker that has just answered keeps asking
     * {@code /dev/fuse} for the next request without sleeping ({@value #DEFAULT_SPIN_MICROS}
     * unless {@code -o spin=}; 0 never). A caller that opens, reads and closes sends its next
     * request within a few microseconds of each reply: found without a wake-up, it is answered
     * sooner (bench/README.md). An idle mount spins not at all: only after a request.
     */
    public int spinMicros() {
        return spinOf(extraOptions);
    }

    private static int spinOf(List<String> extraOptions) {
        int value = DEFAULT_SPIN_MICROS;
        for (String opt : optionList(extraOptions)) {
            if (opt.startsWith("spin=")) {
                try {
                    value = Integer.parseInt(opt.substring(5));
                } catch (NumberFormatException e) {
                    value = -1;
                }
                if (value < 0 || value > 1_000_000) {
                    throw new IllegalArgumentException("bad spin (0 to 1000000 microseconds): " + opt);
                }
            }
        }
        return value;
    }

    /**
     * Returns whether the mount serves extended attributes as its file system keeps them (K15;
     * the default). {@code -o noxattr} answers every xattr request ENOSYS, after which the kernel
     * answers EOPNOTSUPP itself without asking: {@code ls -l} then costs no round trip per file
     * for its {@code security.selinux} (docs/compat.md, K15).
     */
    public boolean xattrs() {
        return !extraOptionList().contains("noxattr");
    }

    /** Returns how long the kernel may keep a name, in seconds (1 unless {@code -o entry_timeout=}). */
    public double entryTimeout() {
        return timeout("entry_timeout");
    }

    /** Returns how long the kernel may keep attributes, in seconds (1 unless {@code -o attr_timeout=}). */
    public double attrTimeout() {
        return timeout("attr_timeout");
    }

    private double timeout(String key) {
        double value = 1.0;
        for (String opt : extraOptionList()) {
            if (opt.startsWith(key + "=")) {
                try {
                    value = Double.parseDouble(opt.substring(key.length() + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad " + key + ": " + opt);
                }
            }
        }
        return value;
    }

    // Every single option of the -o lists, in order.
    private List<String> extraOptionList() {
        return optionList(extraOptions);
    }

    private static List<String> optionList(List<String> extraOptions) {
        List<String> all = new ArrayList<>();
        for (String extra : extraOptions) {
            for (String opt : extra.split(",")) {
                if (!opt.isEmpty()) {
                    all.add(opt);
                }
            }
        }
        return all;
    }
}
