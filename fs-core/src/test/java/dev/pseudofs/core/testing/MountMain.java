package dev.pseudofs.core.testing;

import dev.pseudofs.core.FileOps;
import dev.pseudofs.core.Tree;
import dev.pseudofs.core.fuse.Mount;
import java.nio.file.Path;

/** Mounts a one-file tree at {@code args[0]} and serves until killed (a server to kill in tests). */
public final class MountMain {
    private MountMain() {}

    /** Mounts, prints "mounted", then waits forever. */
    public static void main(String[] args) throws InterruptedException {
        Tree tree = Tree.create();
        tree.root().createFile("hello", 0444, FileOps.show(b -> b.append("hello\n")));
        Mount.mount(tree, Path.of(args[0]));
        System.out.println("mounted");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
