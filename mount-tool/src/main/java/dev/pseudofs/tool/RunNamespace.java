package dev.pseudofs.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the server of {@code pseudofs run} in a mount namespace of its own, so that the kernel
 * removes its mounts when it dies, however it dies: the launcher starts a root's run under
 * {@code unshare --mount} (one JVM); otherwise the run starts itself again under {@code unshare}
 * (as root) or {@code unshare --user --map-root-user} (a user who may have a user namespace
 * and can open /dev/fuse), with PR_SET_PDEATHSIG (setpriv) so that it dies with its starter.
 */
final class RunNamespace {
    /** Set (by the launcher or a restart) on the JVM that unshare put in a namespace of its own. */
    static final String PROPERTY = "pseudofs.privateNamespace";

    private RunNamespace() {}

    /** Returns whether this JVM was started in a mount namespace of its own. */
    static boolean isPrivate() {
        if (!Boolean.getBoolean(PROPERTY)) {
            return false;
        }
        // and really not the namespace of whoever started us (a property can be passed by hand)
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
        String mine = namespace("self");
        return mine != null && !mine.equals(namespace(Long.toString(parent)));
    }

    private static String namespace(String pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", pid, "ns", "mnt")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * Returns what a non-root user lacks for a user namespace with FUSE (one line), or null when
     * nothing is missing.
     */
    static String missingForUser() {
        List<String> missing = new ArrayList<>();
        if ("0".equals(read("/proc/sys/user/max_user_namespaces"))) {
            missing.add("user namespaces are off (/proc/sys/user/max_user_namespaces is 0)");
        }
        if ("0".equals(read("/proc/sys/kernel/unprivileged_userns_clone"))) {
            missing.add("unprivileged user namespaces are off (/proc/sys/kernel/unprivileged_userns_clone is 0)");
        }
        if ("1".equals(read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns"))) {
            missing.add("AppArmor restricts unprivileged user namespaces");
        }
        Path fuse = Path.of("/dev/fuse");
        if (!Files.exists(fuse)) {
            missing.add("/dev/fuse is missing");
        } else if (!Files.isReadable(fuse) || !Files.isWritable(fuse)) {
            missing.add("/dev/fuse (" + describe(fuse) + ") is not readable and writable by uid " + PidFile.uid());
        }
        return missing.isEmpty() ? null
                : "run needs root, or a user namespace that can mount FUSE: " + String.join("; ", missing);
    }

    private static String describe(Path p) {
        try {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
                    + " " + Files.getOwner(p).getName();
        } catch (IOException | RuntimeException e) {
            return "mode unknown";
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Returns the command that runs {@code args} again in a JVM with {@code heap} in a mount
     * namespace of its own (and a user namespace unless {@code root}), killed when this process
     * dies.
     */
    static List<String> restart(long heap, List<String> args, boolean root) {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL", "unshare", "--mount",
                "--propagation", "private"));
        if (!root) {
            cmd.addAll(List.of("--user", "--map-root-user"));
        }
        List<String> jvm = new ArrayList<>(ServerJvm.command(heap, args));
        jvm.add(1, "-D" + PROPERTY + "=true");
        cmd.addAll(jvm);
        return cmd;
    }
}
