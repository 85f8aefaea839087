package dev.pseudofs.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Is a snapshot of a directory's entries in the policy's order, with their d_off cookies.
 *
 * <p>Positions follow the kernel: "." is at 0, ".." at 1, and children either at sequential
 * positions from 2 (sysctl C2) or at their kernfs name hash (K11), with {@link #END} after the
 * last entry. An open directory keeps its snapshot, so a listing split over several readdir
 * calls is consistent.
 */
public final class DirListing {
    /** The position after the last entry of a kernfs directory (INT_MAX, K11). */
    public static final long END = Integer.MAX_VALUE;

    private final List<DirEntry> entries; // immutable
    private final long[] positions;       // immutable: position of each entry
    private final boolean hashed;
    private final byte[][] names;         // immutable: UTF-8 names, encoded once per listing
    private final Node[] nodes;           // immutable: the node each entry was listed from

    DirListing(List<DirEntry> entries, long[] positions, boolean hashed, Node[] nodes) {
        this.entries = List.copyOf(entries);
        this.positions = positions;
        this.hashed = hashed;
        this.nodes = nodes;
        this.names = new byte[entries.size()][];
        for (int i = 0; i < names.length; i++) {
            names[i] = entries.get(i).name().getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Returns this listing less the children {@code hidden} takes ("." and ".." always stay),
     * positions renumbered when they are sequential; this listing itself when none is hidden.
     */
    DirListing without(java.util.function.Predicate<Node> hidden) {
        boolean[] drop = new boolean[entries.size()];
        int kept = 0;
        for (int i = 0; i < drop.length; i++) {
            drop[i] = i >= 2 && hidden.test(nodes[i]);
            kept += drop[i] ? 0 : 1;
        }
        if (kept == drop.length) {
            return this;
        }
        long[] pos = new long[kept];
        List<DirEntry> keep = new java.util.ArrayList<>(kept);
        Node[] keptNodes = new Node[kept];
        for (int i = 0, k = 0; i < drop.length; i++) {
            if (!drop[i]) {
                pos[k] = hashed ? positions[i] : k;
                keep.add(entries.get(i));
                keptNodes[k] = nodes[i];
                k++;
            }
        }
        List<DirEntry> out = new java.util.ArrayList<>(kept);
        for (int k = 0; k < kept; k++) {
            DirEntry e = keep.get(k);
            long next = k + 1 < kept ? pos[k + 1] : (hashed ? END : kept);
            out.add(new DirEntry(e.name(), e.ino(), e.typeBits(), next));
        }
        return new DirListing(out, pos, hashed, keptNodes);
    }

    /** Puts entry {@code index}'s name into {@code dst}: its UTF-8 bytes, no terminator. */
    public void putName(int index, ByteBuffer dst) {
        dst.put(names[index]);
    }

    /**
     * Returns the node entry {@code index} was listed from (the directory itself for ".", its
     * parent for ".."), so that a READDIRPLUS needs no lookup per name. It may have been removed,
     * renamed or moved since: check before use.
     */
    public Node node(int index) {
        return nodes[index];
    }

    /** Returns all entries, "." and ".." first. */
    public List<DirEntry> entries() {
        return entries;
    }

    /** Returns the index of the first entry at or after position {@code offset}. */
    public int indexOf(long offset) {
        if (!hashed) {
            return (int) Math.min(Math.max(offset, 0), entries.size());
        }
        // Positions ascend (0, 1, then sorted hashes): find the first >= offset.
        int lo = 0;
        int hi = positions.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (positions[mid] < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
