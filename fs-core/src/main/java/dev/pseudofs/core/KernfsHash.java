package dev.pseudofs.core;

import java.nio.charset.StandardCharsets;

/**
 * Computes kernfs's 31-bit name hash, which orders sysfs directories and serves as each
 * entry's d_off (K11).
 *
 * <p>Compare fs/kernfs/dir.c kernfs_name_hash with a NULL namespace: partial_name_hash over the
 * bytes as signed chars, end_name_hash (hash_64 to 32 bits), then 0, 1 and INT_MAX reserved.
 */
final class KernfsHash {
    private static final long GOLDEN_RATIO_64 = 0x61C8864680B583EBL;

    private KernfsHash() {}

    static long of(String name) {
        long hash = 0;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            long c = b; // char is signed on x86-64: bytes >= 0x80 sign-extend
            hash = (hash + (c << 4) + (c >>> 4)) * 11;
        }
        long h = ((hash * GOLDEN_RATIO_64) >>> 32) & 0x7fffffffL;
        if (h < 2) {
            h += 2;
        }
        if (h >= Integer.MAX_VALUE) {
            h = Integer.MAX_VALUE - 1;
        }
        return h;
    }
}
