package dev.pseudofs.sysfs;

import static dev.pseudofs.sysfs.Expect.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.TestMount;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("mount")
class AttributeIT {
    private final Sysfs sysfs = Sysfs.create();
    private final Kobject k = Kobject.createAndAdd("k", sysfs.kernel());
    private final AtomicInteger shows = new AtomicInteger();
    private final AtomicLong value = new AtomicLong(7);
    private final List<Integer> storeCounts = new CopyOnWriteArrayList<>();

    AttributeIT() {
        k.createFile(TypedAttribute.ofLong("value", 0644, () -> {
            shows.incrementAndGet();
            return value.get();
        }, value::set));
        k.createFile(Attribute.ro("ro", buf -> buf.append("read only\n")));
        k.createFile(Attribute.wo("wo", in -> in.count()));
        k.createFile(Attribute.rw("count", buf -> buf.append(storeCounts + "\n"), in -> {
            storeCounts.add(in.count());
            return in.count();
        }));
        k.createFile(Attribute.ro("big", buf -> buf.put("x".repeat(5000).getBytes())));
        k.createFile(Attribute.ro("emit", buf -> buf.emit("%s", "y".repeat(5000))));
        k.createFile(Attribute.ro("fails", buf -> {
            throw dev.pseudofs.core.FsException.invalid("speed unknown");
        }));
        k.createFile(Attribute.of("noshow", 0644, (dev.pseudofs.core.Show) null, in -> in.count()));
    }

    @Test
    void catAndDdSeeOneShowK2K19S11() { // K2, K19, S11
        try (TestMount m = TestMount.of(sysfs.tree())) {
            assertEquals("7\n", m.sh("cat kernel/k/value").ok());
            assertEquals(1, shows.get());
            assertEquals("7\n", m.sh("dd if=kernel/k/value bs=1 2>/dev/null").ok());
            assertEquals(2, shows.get()); // dd bs=1: one show, three 1-byte reads
            assertEquals("-rw-r--r-- 4096 1\n", m.sh("stat -c '%A %s %h' kernel/k/value").ok());
            assertEquals("-r--r--r--\n--w-------\n", m.sh("stat -c %A kernel/k/ro kernel/k/wo").ok());
        }
    }

    @Test
    void statSizeMatchesTheHostK2() { // K2
        try (TestMount m = TestMount.of(sysfs.tree())) {
            String host = m.sh("stat -c '%s %B %h' /sys/kernel/uevent_seqnum").ok();
            assertEquals(host, m.sh("stat -c '%s %B %h' kernel/k/ro").ok());
        }
    }

    @Test
    void storesParseLikeKstrtoS16S17() { // S16, S17
        try (TestMount m = TestMount.of(sysfs.tree())) {
            m.sh("echo 42 > kernel/k/value").ok();
            assertEquals("42\n", m.sh("cat kernel/k/value").ok());
            for (String ok : List.of("0x10", "+3", "-0", "010\\n")) {
                m.sh("printf '%b' '" + ok + "' > kernel/k/value").ok();
            }
            assertEquals("8\n", m.sh("cat kernel/k/value").ok());
            for (String bad : List.of(" 0", "0 ", "0\\n\\n", "\\n", "abc", "1.5")) {
                fails(m.sh("/usr/bin/printf '%b' '" + bad + "' > kernel/k/value"), "Invalid argument");
            }
            fails(m.sh("/bin/echo 99999999999999999999 > kernel/k/value"), "Numerical result out of range");
            assertEquals("8\n", m.sh("cat kernel/k/value").ok()); // the old value stays
        }
    }

    @Test
    void openChecksHoldForRootAndNobodyK17S7S19() { // K17, S7, S19
        try (TestMount m = TestMount.of(sysfs.tree())) {
            fails(m.sh("echo 1 > kernel/k/ro"), "Permission denied");   // root, 0444 (K17)
            fails(m.sh("cat kernel/k/wo"), "Permission denied");        // root, 0200 (S19)
            m.sh("echo 1 > kernel/k/wo").ok();
            fails(m.shAsNobody("echo 1 > kernel/k/value"), "Permission denied"); // S7
            assertEquals("7\n", m.shAsNobody("cat kernel/k/value").ok());
            // S8: chmod adds a write bit; the open succeeds, kobj_attr_store answers EIO.
            m.sh("chmod 0644 kernel/k/ro").ok();
            fails(m.sh("/bin/echo 1 > kernel/k/ro"), "Input/output error");
            fails(m.sh("cat kernel/k/noshow"), "Input/output error"); // S10: no show
        }
    }

    @Test
    void showOutputIsCappedAtThePageS9S10S12() { // S9, S10, S12
        try (TestMount m = TestMount.of(sysfs.tree())) {
            assertEquals("4095\n", m.sh("cat kernel/k/big | wc -c").ok());
            assertEquals("4095\n", m.sh("cat kernel/k/emit | wc -c").ok());
            fails(m.sh("cat kernel/k/fails"), "Invalid argument"); // S9: show's errno
        }
    }

    @Test
    void writesAreClampedAndOneStoreEachK25S14S15S18() { // K25, S14, S15, S18
        try (TestMount m = TestMount.of(sysfs.tree())) {
            String out = m.sh("python3 -c \"import os\n"
                    + "fd = os.open('kernel/k/count', os.O_WRONLY)\n"
                    + "print(os.write(fd, b'a' * 5000), os.write(fd, b''), os.pwrite(fd, b'5', 100))\"").ok();
            assertEquals("4096 0 1\n", out);                  // S18, S15, S14
            assertEquals("[4096, 1]\n", m.sh("cat kernel/k/count").ok());
            m.sh("printf 'ab\\n' | dd of=kernel/k/count bs=1 2>/dev/null").ok();
            assertEquals("[4096, 1, 1, 1, 1]\n", m.sh("cat kernel/k/count").ok()); // S18: dd bs=1
        }
    }

    @Test
    void preallocShowsOnEveryReadS13() { // S13
        AtomicInteger calls = new AtomicInteger();
        k.createFile(Attribute.prealloc("array_state", 0444, (kobj, buf) -> {
            calls.incrementAndGet();
            buf.append("clean\n");
        }, null));
        try (TestMount m = TestMount.of(sysfs.tree())) {
            assertEquals("clean\n", m.sh("dd if=kernel/k/array_state bs=1 2>/dev/null").ok());
            assertEquals(7, calls.get()); // six 1-byte reads and the one that found the end
            assertEquals("ean\n", m.sh("python3 -c \"import os\n"
                    + "fd = os.open('kernel/k/array_state', os.O_RDONLY)\n"
                    + "print(os.pread(fd, 100, 2).decode(), end='')\"").ok());
        }
    }

    @Test
    void typedHelpersShowKernelFormats() {
        AtomicReference<String> thp = new AtomicReference<>("madvise");
        AtomicReference<Boolean> on = new AtomicReference<>(false);
        AtomicReference<String> label = new AtomicReference<>("eth0");
        AtomicInteger num = new AtomicInteger(-5);
        k.createFile(TypedAttribute.ofChoice("enabled", 0644, List.of("always", "madvise", "never"),
                thp::get, thp::set));
        k.createFile(TypedAttribute.ofBool("on", 0644, on::get, on::set));
        k.createFile(TypedAttribute.ofString("label", 0644, label::get, label::set));
        k.createFile(TypedAttribute.ofInt("num", 0644, num::get, num::set));
        try (TestMount m = TestMount.of(sysfs.tree())) {
            assertEquals("always [madvise] never\n", m.sh("cat kernel/k/enabled").ok());
            assertEquals("always [madvise] never\n", m.sh("dd if=kernel/k/enabled bs=1 2>/dev/null").ok());
            m.sh("echo never > kernel/k/enabled").ok();
            assertEquals("always madvise [never]\n", m.sh("cat kernel/k/enabled").ok());
            fails(m.sh("/bin/echo sometimes > kernel/k/enabled"), "Invalid argument");
            assertEquals("0\n", m.sh("cat kernel/k/on").ok());
            m.sh("echo on > kernel/k/on").ok();
            assertEquals("1\n", m.sh("cat kernel/k/on").ok());
            fails(m.sh("/bin/echo x > kernel/k/on"), "Invalid argument"); // S30
            m.sh("echo wlan0 > kernel/k/label").ok();
            assertEquals("wlan0\n", m.sh("cat kernel/k/label").ok());
            assertEquals("-5\n", m.sh("cat kernel/k/num").ok());
            fails(m.sh("/bin/echo 2147483648 > kernel/k/num"), "Numerical result out of range");
            assertEquals("-5\n", m.sh("cat kernel/k/num").ok());
        }
    }
}
