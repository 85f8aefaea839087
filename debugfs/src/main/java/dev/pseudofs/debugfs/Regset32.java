package dev.pseudofs.debugfs;

import dev.pseudofs.core.SeqFile;
import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Is a set of 32-bit registers to dump ({@code struct debugfs_regset32}): each register has a
 * name and a way to read it (the kernel's {@code readl(base + offset)}).
 *
 * @param regs the registers in the order they are printed
 */
public record Regset32(List<Reg32> regs) {
    /**
     * Is one register ({@code struct debugfs_reg32}).
     *
     * @param name the name printed before " = "
     * @param value reads the register's current value
     */
    public record Reg32(String name, IntSupplier value) {
        /** Validates the components. */
        public Reg32 {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Copies the register list. */
    public Regset32 {
        regs = List.copyOf(regs);
    }

    /** Returns a register set of {@code regs}. */
    public static Regset32 of(Reg32... regs) {
        return new Regset32(List.of(regs));
    }

    /**
     * Prints one line per register, "&lt;prefix&gt;&lt;name&gt; = 0x%08x\n", into {@code m}
     * (debugfs_print_regs32); usable from any seq file.
     */
    public void print(SeqFile m, String prefix) {
        for (Reg32 r : regs) {
            m.puts(prefix).printf("%s = 0x%08x\n", r.name(), r.value().getAsInt());
        }
    }
}
