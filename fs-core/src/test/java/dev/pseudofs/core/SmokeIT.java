package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.TestMount;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SmokeIT {
    @Test
    void catAndEcho() {
        Tree tree = Tree.create();
        AtomicLong v = new AtomicLong(7);
        tree.root().createDir("kernel", 0755).createFile("value", 0644,
                FileOps.showStore(b -> b.line(v.get()), in -> {
                    v.set(Long.parseLong(in.text().trim()));
                    return in.count();
                }), File.PAGE_SIZE);
        try (TestMount m = TestMount.of(tree)) {
            assertEquals("7\n", m.sh("cat kernel/value").ok());
            m.sh("echo 42 > kernel/value").ok();
            assertEquals("42\n", m.sh("cat kernel/value").ok());
            System.out.println(m.sh("ls -la kernel; stat kernel/value").ok());
        }
    }
}
