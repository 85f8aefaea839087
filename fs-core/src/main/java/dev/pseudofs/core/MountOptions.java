package dev.pseudofs.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Holds how a {@link Tree} is mounted.
 *
 * <p>Whatever the options, a mount always uses {@code use_ino} (our inode numbers),
 * {@code default_permissions} (the kernel checks mode and owner bits, K17 handles root),
 * {@code big_writes} (one write(2) of up to 128 KiB is one store call, so the page clamp is the
 * kernel's, K25), zero entry and negative timeouts, so a node added or removed while mounted is
 * seen by the very next {@code ls}, {@code stat} or {@code open} (K29), and a one-second
 * attribute timeout: every path walk revalidates its entries with a LOOKUP that returns fresh
 * attributes, so only an {@code fstat} on an open file can see attributes up to a second old,
 * and open+read+close does one round trip less (measured +25-30% in bench/README.md).
 *
 * @param pageSize the page size of show/store files (4096 on x86-64)
 * @param allowOther whether users other than the mounting one may use the mount
 * @param readOnly whether the mount is read-only ({@code ro})
 * @param singleThreaded whether libfuse serves requests on one thread ({@code -s})
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
    }

    /** Returns the defaults: page 4096, private, writable, multi-threaded, fsname "pseudofs". */
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

    /** Returns a copy served by one thread or by libfuse's thread pool. */
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

    /** Returns the libfuse command-line arguments these options stand for. */
    public List<String> fuseArguments() {
        StringBuilder o = new StringBuilder("use_ino,default_permissions,big_writes,hard_remove")
                .append(",attr_timeout=1,entry_timeout=0,negative_timeout=0")
                .append(",fsname=").append(fsName).append(",subtype=pseudofs");
        if (allowOther) {
            o.append(",allow_other");
        }
        if (readOnly) {
            o.append(",ro");
        }
        List<String> args = new ArrayList<>(List.of("-o", o.toString()));
        for (String extra : extraOptions) {
            args.add("-o");
            args.add(extra);
        }
        if (singleThreaded) {
            args.add("-s");
        }
        return args;
    }
}
