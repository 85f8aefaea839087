package dev.pseudofs.sysfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.TestMount;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("mount")
class NotifyIT {
    @Test
    void notifyInANamedGroupWakesThePollerK30K31S28() { // K30, K31, S28
        Sysfs sysfs = Sysfs.create();
        AtomicInteger state = new AtomicInteger(1);
        Kobject md = Kobject.createAndAdd("md0", sysfs.block());
        md.createGroup(AttributeGroup.named("md", Attribute.ro("array_state",
                buf -> buf.append(state.get() + "\n"))));
        try (TestMount m = TestMount.of(sysfs.tree());
             Py py = Py.start(m.dir(), PollScript.POLL_AFTER_READ)) {
            py.send("block/md0/md/array_state");
            assertEquals("fresh 0x" + Integer.toHexString(PollScript.IN_PRI_ERR), py.line());
            assertEquals("read 1", py.line());
            assertEquals("quiet 0x1", py.line());
            state.set(2);
            md.notify("md", "array_state"); // sysfs_notify(&mddev->kobj, "md", "array_state")
            assertEquals("woke 0xa", py.line());
            assertEquals("reread 2", py.line());
        }
    }

    @Test
    void removalWakesThePollerK29K33() { // K29, K33
        Sysfs sysfs = Sysfs.create();
        Kobject k = Kobject.createAndAdd("k", sysfs.kernel());
        k.createFile(Attribute.ro("v", buf -> buf.append("1\n")));
        try (TestMount m = TestMount.of(sysfs.tree());
             Py py = Py.start(m.dir(), PollScript.POLL_AFTER_READ)) {
            py.send("kernel/k/v");
            assertEquals("fresh 0x" + Integer.toHexString(PollScript.IN_PRI_ERR), py.line());
            assertEquals("read 1", py.line());
            assertEquals("quiet 0x1", py.line());
            k.del();
            assertEquals("woke 0xa", py.line());
            assertEquals("reread errno 19", py.line()); // ENODEV after removal (K29)
        }
    }

    // Eight threads open, read and write through the mount at once (architecture: test in parallel).
    @Test
    void parallelReadersAndWritersSeeWholeValuesK22() { // K22
        Sysfs sysfs = Sysfs.create();
        AtomicInteger v = new AtomicInteger();
        Kobject k = Kobject.createAndAdd("k", sysfs.kernel());
        k.createFile(TypedAttribute.ofInt("v", 0644, v::get, v::set));
        try (TestMount m = TestMount.of(sysfs.tree())) {
            String out = m.sh("python3 -c \"import os, threading\n"
                    + "bad = []\n"
                    + "def work(i):\n"
                    + "    for j in range(100):\n"
                    + "        fd = os.open('kernel/k/v', os.O_RDWR)\n"
                    + "        os.write(fd, str(i * 1000 + j).encode())\n"
                    + "        s = os.pread(fd, 100, 0).decode()\n"
                    + "        os.close(fd)\n"
                    + "        if not s.endswith(chr(10)) or not s.strip().isdigit(): bad.append(s)\n"
                    + "ts = [threading.Thread(target=work, args=(i,)) for i in range(8)]\n"
                    + "[t.start() for t in ts]; [t.join() for t in ts]\n"
                    + "print(len(bad))\"").ok();
            assertEquals("0\n", out);
        }
    }
}
