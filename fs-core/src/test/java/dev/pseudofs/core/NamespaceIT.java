package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.TestMount;
import org.junit.jupiter.api.Test;

/** Each namespace syscall reaches its own operation and answers its own policy errno, through a real mount. */
class NamespaceIT {
    private static final String PROBE = """
            import ctypes, errno, os
            libc = ctypes.CDLL(None, use_errno=True)
            def run(name, f):
                try:
                    f()
                    print(name, 'OK')
                except OSError as e:
                    print(name, errno.errorcode[e.errno])
            def renameat2(a, b, flags):
                if libc.renameat2(-100, a.encode(), -100, b.encode(), flags) != 0:
                    e = ctypes.get_errno()
                    raise OSError(e, os.strerror(e))
            run('mkdir', lambda: os.mkdir('new'))
            run('creat', lambda: os.close(os.open('new', os.O_CREAT | os.O_WRONLY, 0o644)))
            run('symlink', lambda: os.symlink('f', 'new'))
            run('mknod', lambda: os.mknod('new', 0o644))
            run('mkfifo', lambda: os.mkfifo('new'))
            run('link', lambda: os.link('f', 'new'))
            run('rename', lambda: os.rename('f', 'new'))
            run('rename-over', lambda: os.rename('f', 'g'))
            run('noreplace', lambda: renameat2('f', 'new', 1))
            run('exchange', lambda: renameat2('f', 'g', 2))
            run('exchange-missing', lambda: renameat2('f', 'new', 2))
            """;

    private static Tree tree(Policy policy) {
        Tree tree = Tree.create(policy, 0755);
        tree.root().createFile("f", 0644, FileOps.show(b -> b.line(1)));
        tree.root().createFile("g", 0644, FileOps.show(b -> b.line(2)));
        return tree;
    }

    @Test
    void everySyscallAnswersItsOwnPolicyErrno() { // K8, K9
        Policy distinct = Policy.kernfs().toBuilder()
                .mkdirError(Errno.EROFS)
                .createError(Errno.EACCES)
                .symlinkError(Errno.ENOSPC)
                .mknodError(Errno.EFBIG)
                .linkError(Errno.ETXTBSY)
                .renameError(Errno.EPERM)
                .renameFlagsError(Errno.EINVAL)
                .build();
        try (TestMount m = TestMount.of(tree(distinct))) {
            assertEquals("""
                    mkdir EROFS
                    creat EACCES
                    symlink ENOSPC
                    mknod EFBIG
                    mkfifo EFBIG
                    link ETXTBSY
                    rename EPERM
                    rename-over EPERM
                    noreplace EINVAL
                    exchange EINVAL
                    exchange-missing ENOENT
                    """, m.python(PROBE).ok());
        }
    }

    @Test
    void kernfsAnswersAsTheHostsSysfs() { // K8: EPERM, flags EINVAL; K9: EPERM (host: renameat2 in /sys)
        try (TestMount m = TestMount.of(tree(Policy.kernfs()))) {
            assertEquals("""
                    mkdir EPERM
                    creat EACCES
                    symlink EPERM
                    mknod EPERM
                    mkfifo EPERM
                    link EPERM
                    rename EPERM
                    rename-over EPERM
                    noreplace EINVAL
                    exchange EINVAL
                    exchange-missing ENOENT
                    """, m.python(PROBE).ok());
        }
    }

    @Test
    void withoutARenameOperationFlagsAnswerTheRenameErrno() { // procfs, debugfs, configfs: no i_op->rename
        try (TestMount m = TestMount.of(tree(Policy.kernfs().toBuilder().renameFlagsError(null).build()))) {
            String out = m.python(PROBE).ok();
            assertEquals(true, out.contains("noreplace EPERM\nexchange EPERM\n"), out);
        }
    }
}
