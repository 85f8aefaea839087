package dev.pseudofs.sysfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttributeTest {
    @Test
    void macrosGiveTheKernelModesS6() { // S6
        assertEquals(0444, Attribute.ro("a", buf -> buf.append("x")).mode());
        assertEquals(0200, Attribute.wo("a", in -> in.count()).mode());
        assertEquals(0644, Attribute.rw("a", buf -> { }, in -> in.count()).mode());
        Attribute ro = Attribute.ro("a", buf -> { });
        assertNull(ro.store());
    }

    // S6: modes seen on a real system pass VERIFY_OCTAL_PERMISSIONS.
    @ParameterizedTest
    @ValueSource(ints = {0444, 0644, 0400, 0200, 0220, 0600, 0664, 0660, 0440, 0, 0755})
    void acceptedModes(int mode) {
        assertEquals(mode, Attribute.of("a", mode, buf -> { }, in -> 0).mode());
    }

    // S6: other-write, group reads more than user, other reads more than group, group writes more than user.
    @ParameterizedTest
    @ValueSource(ints = {0666, 0646, 0002, 0044, 0004, 0404, 0020, 01000, -1, 0622})
    void refusedModes(int mode) {
        assertThrows(IllegalArgumentException.class, () -> Attribute.of("a", mode, buf -> { }, null));
    }

    @Test
    void namesWithSlashesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Attribute.ro("a/b", buf -> { }));
        assertThrows(IllegalArgumentException.class, () -> Attribute.ro("", buf -> { }));
    }
}
