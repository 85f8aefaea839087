package dev.pseudofs.bench;

import dev.pseudofs.core.Dir;
import dev.pseudofs.core.File;
import dev.pseudofs.core.FileOps;
import dev.pseudofs.core.Tree;
import java.lang.ref.Reference;

/**
 * Prints the heap each registered attribute costs: for each count given, a fresh tree gets
 * that many show files (1,000 per directory, one shared {@link FileOps}) and the used heap
 * after {@code System.gc()} is compared with the empty tree's.
 *
 * <p>Usage: {@code NodeMemory COUNT...}; prints {@code COUNT BYTES_PER_ATTRIBUTE} per line.
 */
public final class NodeMemory {
    private NodeMemory() {}

    /** Measures every count given on the command line. */
    public static void main(String[] args) {
        FileOps ops = FileOps.show(BenchTree::counterLine);
        for (String arg : args) {
            int count = Integer.parseInt(arg);
            long before = usedAfterGc();
            Tree tree = Tree.create();
            Dir dir = null;
            for (int i = 0; i < count; i++) {
                if (i % 1000 == 0) {
                    dir = tree.root().createDir("d" + i / 1000, 0755);
                }
                dir.createFile("attr" + i, 0644, ops, File.PAGE_SIZE);
            }
            long after = usedAfterGc();
            Reference.reachabilityFence(tree);
            System.out.printf("%d %.1f%n", count, (after - before) / (double) count);
        }
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
