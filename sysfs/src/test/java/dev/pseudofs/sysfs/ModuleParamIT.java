package dev.pseudofs.sysfs;

import static dev.pseudofs.sysfs.Expect.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.TestMount;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("mount")
class ModuleParamIT {
    private final Sysfs sysfs = Sysfs.create();
    private final Module mod = sysfs.module("mymod");
    private final ModuleParam debug = mod.param("debug", ParamType.BOOL, 0644, "N");
    private final ModuleParam count = mod.param("count", ParamType.INT, 0644, "5");
    private final ModuleParam limit = mod.param("limit", ParamType.UINT, 0444, "7");
    private final ModuleParam delta = mod.param("delta", ParamType.LONG, 0600, "-3");
    private final ModuleParam mask = mod.param("mask", ParamType.ULONG, 0644, "0");
    private final ModuleParam name = mod.param("name", ParamType.CHARP, 0644, "hello");
    private final ModuleParam tag = mod.param("tag", ParamType.string(8), 0644, "x");
    private final ModuleParam secret = mod.param("secret", ParamType.INT, 0, "1");

    private static final String P = "module/mymod/parameters/";

    @Test
    void paramsAreFilesWithTheirPermsAndFormats() {
        try (TestMount m = TestMount.of(sysfs.tree())) {
            assertEquals("755\n", m.sh("stat -c %a module/mymod/parameters").ok());
            assertEquals("count\ndebug\ndelta\nlimit\nmask\nname\ntag\n", m.sh("ls " + P + " | sort").ok());
            assertEquals("-rw-r--r-- 4096\n", m.sh("stat -c '%A %s' " + P + "debug").ok());
            assertEquals("-rw-------\n", m.sh("stat -c %A " + P + "delta").ok());
            assertEquals("N\n5\n7\n-3\n0\nhello\nx\n",
                    m.sh("cd " + P + " && cat debug count limit delta mask name tag").ok());
            fails(m.sh("cat " + P + "secret"), "No such file or directory"); // perm 0: no file
            assertEquals(1, secret.intValue());
        }
    }

    @Test
    void boolUsesKstrtoboolS30() { // S30
        try (TestMount m = TestMount.of(sysfs.tree())) {
            for (String s : new String[] {"y", "1", "on", "Yes", "true"}) {
                m.sh("echo " + s + " > " + P + "debug").ok();
                assertEquals("Y\n", m.sh("cat " + P + "debug").ok());
            }
            for (String s : new String[] {"f", "F", "false", "n", "nope", "off", "0"}) { // S30 probe list
                m.sh("echo " + s + " > " + P + "debug").ok();
                assertEquals("N\n", m.sh("cat " + P + "debug").ok());
            }
            fails(m.sh("/bin/echo x > " + P + "debug"), "Invalid argument");
            assertEquals("N\n", m.sh("cat " + P + "debug").ok());
            assertFalse(debug.boolValue());
        }
    }

    @Test
    void numbersParseWithBaseZeroAndKeepTheOldValueS17() { // S17
        try (TestMount m = TestMount.of(sysfs.tree())) {
            m.sh("echo 0x10 > " + P + "count").ok();
            assertEquals("16\n", m.sh("cat " + P + "count").ok());
            assertEquals(16, count.intValue());
            fails(m.sh("/bin/echo 2147483648 > " + P + "count"), "Numerical result out of range");
            fails(m.sh("/bin/echo 12abc > " + P + "count"), "Invalid argument");
            assertEquals("16\n", m.sh("cat " + P + "count").ok());
            m.sh("echo 18446744073709551615 > " + P + "mask").ok();
            assertEquals("18446744073709551615\n", m.sh("cat " + P + "mask").ok());
            fails(m.sh("/bin/echo -1 > " + P + "mask"), "Invalid argument");
            m.sh("echo -9223372036854775808 > " + P + "delta").ok();
            assertEquals("-9223372036854775808\n", m.sh("cat " + P + "delta").ok());
            fails(m.sh("echo 1 > " + P + "limit"), "Permission denied");  // 0444 (K17)
            fails(m.shAsNobody("cat " + P + "delta"), "Permission denied"); // 0600 (S7)
            assertEquals(-9223372036854775808L, delta.longValue());
            assertEquals(7, limit.intValue());
        }
    }

    @Test
    void stringsAreKeptVerbatim() {
        try (TestMount m = TestMount.of(sysfs.tree())) {
            m.sh("echo foo > " + P + "name").ok();
            assertEquals("foo\n\n", m.sh("cat " + P + "name").ok()); // param_set_charp keeps the newline
            assertEquals("foo\n", name.stringValue());
            m.sh("printf 1234567 > " + P + "tag").ok();
            assertEquals("1234567\n", m.sh("cat " + P + "tag").ok());
            fails(m.sh("/usr/bin/printf 12345678 > " + P + "tag"), "No space left on device");
            assertEquals("1234567", tag.stringValue());
        }
    }

    @Test
    void declarationsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> mod.param("bad", ParamType.INT, 0666, "1"));
        assertThrows(dev.pseudofs.core.FsException.class, () -> mod.param("count", ParamType.INT, 0644, "1"));
        assertThrows(dev.pseudofs.core.FsException.class, () -> mod.param("n2", ParamType.INT, 0644, "x"));
        assertTrue(sysfs.module().find("mymod") != null);
        assertEquals(mask, mod.param("mask"));
    }
}
