package dev.pseudofs.sysfs;

import static dev.pseudofs.sysfs.Expect.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.TestMount;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("mount")
class BinAttributeIT {
    private final Sysfs sysfs = Sysfs.create();
    private final Kobject k = Kobject.createAndAdd("pci0", sysfs.devices());
    private final byte[] config = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final byte[] big = new byte[10000];

    BinAttributeIT() {
        k.createBinFile(BinAttribute.ofBytes("config", 0644, config));
        k.createBinFile(BinAttribute.ofBytes("notes", 0444, "NOTE".getBytes(StandardCharsets.US_ASCII)));
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        // A dynamic size (0): the callback says where the data ends (S21).
        k.createBinFile(BinAttribute.dynamic("log", 0444, (kobj, dst, pos) -> {
            int n = (int) Math.min(dst.remaining(), Math.max(0, big.length - pos));
            dst.put(big, (int) pos, n);
            return n;
        }, null));
    }

    @Test
    void sizesAndModesS20() { // S20
        try (TestMount m = TestMount.of(sysfs.tree())) {
            assertEquals("16 644\n4 444\n0 444\n",
                    m.sh("stat -c '%s %a' devices/pci0/config devices/pci0/notes devices/pci0/log").ok());
            assertEquals("0123456789abcdef", m.sh("cat devices/pci0/config").ok());
        }
    }

    @Test
    void readsAtOffsetsClipToTheSizeK20S21() { // K20, S21
        try (TestMount m = TestMount.of(sysfs.tree())) {
            assertEquals("4567", m.sh("dd if=devices/pci0/config bs=1 skip=4 count=4 2>/dev/null").ok());
            assertEquals("cdef", m.sh("dd if=devices/pci0/config bs=4 skip=3 2>/dev/null").ok());
            String out = m.sh("python3 -c \"import os\n"
                    + "fd = os.open('devices/pci0/config', os.O_RDONLY)\n"
                    + "print(os.pread(fd, 100, 12), os.pread(fd, 10, 16), os.pread(fd, 10, 26),"
                    + " os.lseek(fd, 0, os.SEEK_END))\n"
                    + "g = os.open('devices/pci0/log', os.O_RDONLY)\n"
                    + "print(len(os.read(g, 65536)), len(os.read(g, 65536)))\"").ok();
            assertEquals("b'cdef' b'' b'' 16\n4096 4096\n", out); // S21, SEEK_END = size, K20
            assertEquals("10000\n", m.sh("cat devices/pci0/log | wc -c").ok());
        }
    }

    @Test
    void writesAtOffsetsS22() { // S22
        try (TestMount m = TestMount.of(sysfs.tree())) {
            m.sh("printf 'XY' | dd of=devices/pci0/config bs=1 seek=10 conv=notrunc 2>/dev/null").ok();
            assertEquals("0123456789XYcdef", new String(config, StandardCharsets.US_ASCII));
            String out = m.sh("python3 -c \"import os\n"
                    + "fd = os.open('devices/pci0/config', os.O_WRONLY)\n"
                    + "print(os.pwrite(fd, b'ZZZZ', 14))\n"
                    + "try:\n"
                    + "    os.pwrite(fd, b'Q', 16)\n"
                    + "except OSError as e:\n"
                    + "    print('errno', e.errno)\"").ok();
            assertEquals("2\nerrno 27\n", out); // clipped to size-pos; EFBIG at the end (S22)
            assertEquals("0123456789XYcdZZ", m.sh("cat devices/pci0/config").ok());
            fails(m.sh("printf Q | dd of=devices/pci0/notes conv=notrunc"), "Permission denied"); // K17
        }
    }
}
