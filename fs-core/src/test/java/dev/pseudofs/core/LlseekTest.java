package dev.pseudofs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The three llseek methods for SEEK_DATA and SEEK_HOLE, table-driven (K23, Q10, C6). */
class LlseekTest {
    private static String answer(Llseek l, long offset, int whence, long size) {
        try {
            return Long.toString(l.seek(offset, whence, size));
        } catch (FsException e) {
            return e.errno().name();
        }
    }

    @Test
    void eachMethodAnswersAsTheKernelFunction() {
        Object[][] rows = { // method, offset, whence, st_size, answer
            {Llseek.GENERIC, 0L, Llseek.SEEK_DATA, 4096L, "0"},
            {Llseek.GENERIC, 4095L, Llseek.SEEK_DATA, 4096L, "4095"},
            {Llseek.GENERIC, 4096L, Llseek.SEEK_DATA, 4096L, "ENXIO"},
            {Llseek.GENERIC, -1L, Llseek.SEEK_DATA, 4096L, "ENXIO"}, // compared unsigned
            {Llseek.GENERIC, 1L, Llseek.SEEK_HOLE, 4096L, "4096"},
            {Llseek.GENERIC, -1L, Llseek.SEEK_HOLE, 4096L, "ENXIO"},
            {Llseek.GENERIC, 0L, Llseek.SEEK_DATA, 0L, "ENXIO"},
            {Llseek.DEFAULT, 0L, Llseek.SEEK_DATA, 0L, "ENXIO"},
            {Llseek.DEFAULT, -1L, Llseek.SEEK_DATA, 0L, "EINVAL"}, // signed, then vfs_setpos
            {Llseek.DEFAULT, -1L, Llseek.SEEK_HOLE, 0L, "0"},
            {Llseek.DEFAULT, 5L, Llseek.SEEK_HOLE, 10L, "10"},
            {Llseek.SEQ, 0L, Llseek.SEEK_DATA, 0L, "EINVAL"},
            {Llseek.SEQ, 0L, Llseek.SEEK_HOLE, 4096L, "EINVAL"},
            {Llseek.GENERIC, 0L, 2, 4096L, "EINVAL"}, // SEEK_END never reaches the server
        };
        for (Object[] r : rows) {
            assertEquals(r[4], answer((Llseek) r[0], (Long) r[1], (Integer) r[2], (Long) r[3]),
                    r[0] + " " + r[1] + " whence " + r[2] + " size " + r[3]);
        }
    }

    @Test
    void seqFilesUseSeqLseekAndOthersTheGenericOne() { // Q10, K23
        assertEquals(Llseek.SEQ, FileOps.single(m -> m.puts("x")).llseek());
        assertEquals(Llseek.SEQ, FileOps.single(m -> m.puts("x")).nonSeekable().fillingReads().llseek());
        assertEquals(Llseek.GENERIC, FileOps.show(b -> b.line(1)).llseek());
        assertEquals(Llseek.DEFAULT, FileOps.show(b -> b.line(1)).withLlseek(Llseek.DEFAULT).llseek());
    }
}
