package dev.pseudofs.debugfs;

import static dev.pseudofs.debugfs.MountHelpers.py;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pseudofs.core.testing.TestMount;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Eight processes reading and writing value files at once through one mount. */
@Tag("mount")
class ConcurrencyIT {
    @Test
    void parallelReadersAndWritersSeeWholeValues() { // D9: one open file, one cached text
        Debugfs dfs = Debugfs.create();
        AtomicLong shared = new AtomicLong(0x1111111111111111L);
        dfs.createX64("shared", 0644, null, shared);
        List<AtomicInteger> own = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            AtomicInteger v = new AtomicInteger();
            own.add(v);
            dfs.createU32("v" + t, 0644, null, v);
        }
        // Each worker writes its own counter and one of two whole patterns to the shared value,
        // and checks that every read of the shared value is one of the patterns, never a mix.
        String worker = "ok = {'0x1111111111111111\\n', '0x2222222222222222\\n'}\n"
                + "for i in range(200):\n"
                + "    with open('v' + T, 'w') as f: f.write(str(i) + '\\n')\n"
                + "    with open('v' + T) as f: assert f.read() == str(i) + '\\n'\n"
                + "    with open('shared', 'w') as f: f.write(('0x1111111111111111', '0x2222222222222222')[i % 2])\n"
                + "    with open('shared') as f: s = f.read(); assert s in ok, s\n"
                + "print('done')\n";
        try (TestMount m = TestMount.of(dfs.tree())) {
            List<CompletableFuture<String>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String program = worker.replace("'v' + T", "'v" + t + "'");
                runs.add(CompletableFuture.supplyAsync(() -> py(m, program)));
            }
            for (CompletableFuture<String> r : runs) {
                assertEquals("done\n", r.join());
            }
            for (AtomicInteger v : own) {
                assertEquals(199, v.get());
            }
        }
    }
}
