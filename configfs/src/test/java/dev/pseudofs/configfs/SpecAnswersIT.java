package dev.pseudofs.configfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.HostOracle;
import dev.pseudofs.core.testing.HostOracle.As;
import dev.pseudofs.core.testing.HostOracle.Probe;
import dev.pseudofs.core.testing.TestMount;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The answers of section 7 of the spec for the probes the other views compare with the host:
 * configfs is not in the probed kernel, so the expected values are the source-derived ones.
 */
@Tag("mount")
class SpecAnswersIT {
    private final Fixture fx = new Fixture();

    private static List<String> run(As who, TestMount m, String... probes) {
        List<Probe> list = new java.util.ArrayList<>();
        for (int i = 0; i < probes.length; i += 2) {
            list.add(Probe.of(probes[i], m.dir().resolve(probes[i + 1])));
        }
        return HostOracle.run(who, m.dir(), list);
    }

    @Test
    void attributesHaveNoPollMethod() { // G6, G7: configfs_file_operations has no poll
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            for (As who : As.values()) {
                assertEquals(List.of("0x5", "0x5"), run(who, m, "poll", "01-childless/showme",
                        "poll-after-read", "01-childless/description"), who.toString());
            }
        }
    }

    @Test
    void mknodAndLinkArePermissionErrorsG11() { // G1, G11: no mknod or link inode operation
        try (TestMount m = TestMount.of(fx.cfs.tree())) {
            List<Probe> probes = List.of(
                    Probe.of("mkfifo", m.dir().resolve("01-childless/pfs_new")),
                    Probe.of("mknod-char", m.dir().resolve("pfs_new")),
                    Probe.of("link", m.dir().resolve("01-childless/showme"), m.dir().resolve("01-childless/pfs_new")),
                    Probe.of("create", m.dir().resolve("01-childless/pfs_new")),
                    Probe.of("rename", m.dir().resolve("01-childless/showme"), m.dir().resolve("01-childless/pfs_new")));
            assertEquals(List.of("EPERM", "EPERM", "EPERM", "EACCES", "EPERM"), HostOracle.run(As.ROOT, m.dir(), probes));
        }
    }
}
