package dev.pseudofs.debugfs;

import java.nio.ByteBuffer;

/** Takes what a write(2) carried the way a kernel handler copies it in (copy_from_user). */
final class UserInput {
    private UserInput() {}

    /** Returns the first {@code max} bytes of {@code src} without consuming it (copy_from_user). */
    static byte[] head(ByteBuffer src, int max) {
        byte[] b = new byte[Math.min(max, src.remaining())];
        src.duplicate().get(b);
        return b;
    }
}
