package dev.pseudofs.containers;

import java.util.BitSet;

/** Parses and prints the kernel's CPU list format ("0-3,5"), as cpulist_parse/%*pbl. */
final class CpuList {
    private CpuList() {}

    /** Returns the CPUs of {@code text}; blank text is the empty set. */
    static BitSet parse(String text) {
        BitSet cpus = new BitSet();
        for (String part : text.trim().split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
            cpus.set(from, to + 1);
        }
        return cpus;
    }

    /** Returns {@code cpus} as the kernel prints a CPU list, without a newline. */
    static String format(BitSet cpus) {
        StringBuilder b = new StringBuilder();
        for (int i = cpus.nextSetBit(0); i >= 0; ) {
            int end = cpus.nextClearBit(i) - 1;
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(i);
            if (end > i) {
                b.append('-').append(end);
            }
            i = cpus.nextSetBit(end + 1);
        }
        return b.toString();
    }
}
