package dev.pseudofs.procfs;

import dev.pseudofs.core.Caller;
import dev.pseudofs.core.Dir;
import dev.pseudofs.core.DirOps;
import dev.pseudofs.core.FileOps;
import dev.pseudofs.core.FsException;
import dev.pseudofs.core.Link;
import dev.pseudofs.core.Llseek;
import dev.pseudofs.core.Node;
import dev.pseudofs.core.Policy;
import dev.pseudofs.core.StoreBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Fills /proc with one directory per process on demand, as fs/proc/base.c
 * proc_pid_lookup and proc_pid_readdir do: a lookup of a live PID creates its directory, a
 * listing adds the live processes and drops the dead ones.
 *
 * <p>Each /proc/PID is mode 0555 and owned by the task's effective ids (P13); its files are
 * {@code cmdline} (P14), {@code comm} (P15), {@code status} (P16) and {@code stat} where the
 * source has it. Every read asks the source afresh; a process that has gone reads as ENOENT.
 */
final class PidDirectories implements DirOps {
    private final ProcessSource source;

    PidDirectories(ProcessSource source) {
        this.source = source;
    }

    @Override
    public Node lookup(Dir parent, String name, Caller caller) {
        if (!ProcNames.isPid(name) || name.length() > 10) {
            return null;
        }
        return source.task(Integer.parseInt(name)).map(t -> create(parent, t)).orElse(null);
    }

    @Override
    public void readdir(Dir parent, Caller caller) {
        Set<String> live = new HashSet<>();
        for (int pid : source.pids()) {
            live.add(Integer.toString(pid));
        }
        for (Node child : parent.children()) {
            if (child instanceof Dir && ProcNames.isPid(child.name()) && !live.contains(child.name())) {
                child.remove();
            }
        }
        for (String name : live) {
            if (parent.lookup(name) == null) {
                source.task(Integer.parseInt(name)).ifPresent(t -> create(parent, t));
            }
        }
    }

    // pid_revalidate: a PID directory is checked on every walk; /proc/self depends on the reader.
    @Override
    public boolean revalidate(Node child) {
        return child instanceof Link || (child instanceof Dir && ProcNames.isPid(child.name()));
    }

    /** Returns the text of /proc/self: the caller's thread group id, or null (ENOENT, P12). */
    String self() {
        int tid = Caller.current().pid();
        return tid <= 0 ? null : Integer.toString(source.tgidOf(tid));
    }

    private Node create(Dir parent, TaskInfo t) {
        String name = Integer.toString(t.pid());
        Dir dir;
        try {
            dir = parent.createDir(name, 0555, ProcPolicies.PID_DIR);
        } catch (FsException e) {
            Node raced = parent.lookup(name); // another thread created it first
            if (raced != null) {
                return raced;
            }
            throw e;
        }
        dir.setOwner(t.uids()[1], t.gids()[1]);
        int pid = t.pid();
        Policy files = ProcPolicies.PID;
        dir.createFile("cmdline", 0444, FileOps.single(m -> m.write(task(pid).cmdline()))
                .withLlseek(Llseek.GENERIC), 0, files); // proc_pid_cmdline_ops: generic_file_llseek
        dir.createFile("comm", 0644, FileOps.single(m -> m.puts(task(pid).comm() + "\n"),
                in -> writeComm(pid, in)), 0, files);
        dir.createFile("status", 0444, FileOps.single(m -> m.puts(task(pid).status())), 0, files);
        if (t.stat() != null) {
            dir.createFile("stat", 0444, FileOps.single(m -> m.puts(task(pid).stat())), 0, files);
        }
        return dir;
    }

    private TaskInfo task(int pid) {
        Optional<TaskInfo> t = source.task(pid);
        return t.orElseThrow(() -> FsException.notFound("process " + pid + " has gone"));
    }

    // comm_write: only the task's own thread group may rename it; 15 bytes kept (a trailing
    // newline included, as the kernel keeps it), the full count reported.
    private int writeComm(int pid, StoreBuffer in) {
        if (source.tgidOf(Caller.current().pid()) != pid) {
            throw FsException.invalid("comm of another process");
        }
        byte[] b = in.bytes();
        int n = Math.min(b.length, 15);
        int end = 0;
        while (end < n && b[end] != 0) {
            end++;
        }
        source.setComm(pid, new String(b, 0, end, StandardCharsets.UTF_8));
        return in.count();
    }
}
