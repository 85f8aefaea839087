package dev.pseudofs.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pseudofs.core.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fixtures driven with the pseudofs command and shell tools only: mount, set/get, load, dump,
 * record of the host's trees, ttar and umockdev import. Nothing here writes to the host's /proc
 * or /sys: every write goes below a temporary root.
 */
class FixturesIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String FIX = "mount-tool/src/test/resources/fixtures/";
    private static final String BAT = "/sys/class/power_supply/BAT0/";
    private Path tmp;
    private String root;

    @BeforeEach
    void makeRoot() throws IOException {
        tmp = Files.createTempDirectory("pseudofs-fix-");
        root = tmp.resolve("root").toString();
    }

    @AfterEach
    void cleanUp() {
        sh("for r in " + tmp + "/*/; do ./pseudofs umount $r 2>/dev/null; done; true");
        Shell.run(REPO, List.of("rm", "-rf", tmp.toString()));
    }

    private Shell.Result sh(String script) {
        return Shell.sh(REPO, "export PSEUDOFS_NO_BUILD=1; " + script);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void mount(String dir, String... fixtures) {
        StringBuilder cmd = new StringBuilder("mkdir -p " + dir + " && ./pseudofs mount --root " + dir);
        for (String f : fixtures) {
            cmd.append(" --fixture ").append(f);
        }
        sh(cmd + " --background").ok();
    }

    @Test
    void aFixtureIsMountedWithEachViewsSemanticsAndDrivenWithSetAndGet() { // S5, S14, S17, C4, D9, G4
        mount(root, FIX + "laptop.yaml");
        // sysfs attribute: st_size 4096, kstrtol parsing, bounds refused with EINVAL, old value kept
        assertEquals("87\n", sh("cat " + root + BAT + "capacity").ok());
        assertEquals("4096 644\n", sh("stat -L -c '%s %a' " + root + BAT + "capacity").ok());
        Shell.Result over = sh("echo 101 > " + root + BAT + "capacity");
        assertEquals(1, over.exit());
        assertTrue(over.err().contains("Invalid argument"), over.err());
        assertEquals("87\n", sh("cat " + root + BAT + "capacity").ok());
        sh("echo 50 > " + root + BAT + "capacity").ok();
        assertEquals("50\n", sh("./pseudofs get " + root + " sys/class/power_supply/BAT0/capacity").ok());
        // set changes read-only values from outside; the file stays read-only for users
        assertTrue(sh("echo Full > " + root + BAT + "status").err().contains("Permission denied"));
        sh("./pseudofs set " + root + " sys/class/power_supply/BAT0/status Charging").ok();
        assertEquals("Charging\n", sh("cat " + root + BAT + "status").ok());
        sh("./pseudofs set " + root + " " + root + BAT + "present 0").ok();
        assertEquals("0\n", sh("cat " + root + BAT + "present").ok());
        Shell.Result notInt = sh("./pseudofs set " + root + " sys/class/power_supply/BAT0/capacity lots");
        assertEquals(1, notInt.exit());
        assertTrue(notInt.err().contains("Invalid argument") && notInt.err().contains("'lots' is not an integer"), notInt.err());
        // enum choice
        assertEquals("[auto] inhibit-charge force-discharge\n", sh("cat " + root + BAT + "charge_behaviour").ok());
        sh("echo inhibit-charge > " + root + BAT + "charge_behaviour").ok();
        assertEquals("auto [inhibit-charge] force-discharge\n", sh("cat " + root + BAT + "charge_behaviour").ok());
        assertEquals(1, sh("echo never > " + root + BAT + "charge_behaviour").exit());
        // links and binary content
        assertEquals("../../devices/pci0000:00/0000:00:1f.6/net/eth0\n", sh("readlink " + root + "/sys/class/net/eth0").ok());
        assertEquals("1500\n", sh("cat " + root + "/sys/class/net/eth0/mtu").ok());
        assertEquals("424d00010203\n", sh("od -An -tx1 " + root + "/sys/firmware/acpi/bgrt_image | tr -d ' \\n'; echo").ok());
        assertEquals("6 400\n", sh("stat -c '%s %a' " + root + "/sys/firmware/acpi/bgrt_image").ok());
        // binary content is immutable until set: served from the page cache, dropped by set
        String bgrt = root + "/sys/firmware/acpi/bgrt_image";
        sh("./pseudofs set " + root + " sys/firmware/acpi/bgrt_image QkMAAQID").ok(); // same size
        assertEquals("424300010203\n", sh("od -An -tx1 " + bgrt + " | tr -d ' \\n'; echo").ok());
        sh("./pseudofs set " + root + " sys/firmware/acpi/bgrt_image AAECAwQFBgcICQ==").ok(); // 10 bytes
        assertEquals("10\n", sh("cat " + bgrt + " | wc -c").ok());
        assertEquals("00010203040506070809\n", sh("od -An -tx1 " + bgrt + " | tr -d ' \\n'; echo").ok());
        assertEquals("0304\n", sh("dd if=" + bgrt + " bs=1 skip=3 count=2 status=none | od -An -tx1 | tr -d ' \\n'; echo").ok());
        sh("./pseudofs set " + root + " sys/firmware/acpi/bgrt_image QkMAAQID").ok(); // a re-created file's cell
        assertEquals("424300010203\n", sh("od -An -tx1 " + bgrt + " | tr -d ' \\n'; echo").ok());
        // proc: the fixture's meminfo replaces the host's; a sysctl parses like proc_dointvec_minmax
        assertEquals("MemTotal:        8000000 kB\nMemFree:         4000000 kB\nMemAvailable:    6000000 kB\n",
                sh("cat " + root + "/proc/meminfo").ok());
        assertTrue(sh("echo 300 > " + root + "/proc/sys/vm/swappiness").err().contains("Invalid argument"));
        sh("echo 10 > " + root + "/proc/sys/vm/swappiness").ok();
        assertEquals("10\n", sh("cat " + root + "/proc/sys/vm/swappiness").ok());
        sh("./pseudofs set " + root + " proc/sys/vm/swappiness 33").ok();
        assertEquals("33\n", sh("cat " + root + "/proc/sys/vm/swappiness").ok());
        assertEquals("fixture-host\n", sh("cat " + root + "/proc/sys/kernel/hostname").ok());
        // debugfs typed helpers: u32, bool (Y/N), x8
        String dbg = root + "/sys/kernel/debug/battery_sim/";
        assertEquals("5\nN\n0x03\n", sh("cat " + dbg + "drain_rate " + dbg + "fast_charge " + dbg + "log_level").ok());
        sh("echo Y > " + dbg + "fast_charge").ok();
        assertEquals("Y\n", sh("./pseudofs get " + root + " sys/kernel/debug/battery_sim/fast_charge").ok());
        // configfs: the fixture's item, and mkdir making a new one
        String cfg = root + "/sys/kernel/config/targets/";
        assertEquals("4096\n1\n", sh("cat " + cfg + "lun0/size " + cfg + "lun0/enabled").ok());
        sh("mkdir " + cfg + "lun1 && echo 77 > " + cfg + "lun1/size").ok();
        assertEquals("77\n", sh("cat " + cfg + "lun1/size").ok());
        assertTrue(sh("echo -5 > " + cfg + "lun1/size").err().contains("Invalid argument"));
        sh("./pseudofs set " + root + " sys/kernel/config/targets/lun1/size 9").ok();
        assertEquals("9\n", sh("cat " + cfg + "lun1/size").ok());
        sh("rmdir " + cfg + "lun1").ok();
        assertTrue(sh("./pseudofs get " + root + " sys/kernel/config/targets/lun1/size").err().contains("No such file"));
    }

    @Test
    void invalidFixturesAreRejectedWithFileLineAndReason() {
        String bad = FIX + "bad/";
        String[][] cases = {
            {"above-max.yaml", "above-max.yaml:4: sys/class/power_supply/BAT0/capacity: value 150 is outside 0..100"},
            {"unknown-key.yaml", "unknown-key.yaml:2: 'colour' does not go with int"},
            {"bad-mode.yaml", "bad-mode.yaml:2: mode must be octal like 0644, not '0999'"},
            {"not-yaml.yaml", "not-yaml.yaml:3: not YAML"},
            {"twice.yaml", "twice.yaml:4: proc/meminfo is defined twice (first on line 2)"},
            {"group-in-sys.yaml", "group-in-sys.yaml:3: sys/kernel/targets: a group is a configfs subsystem"},
            {"no-kind.json", "no-kind.json:3: no kind: give one of dir, content"},
        };
        for (String[] c : cases) {
            Shell.Result r = sh("./pseudofs mount --root " + root + " --fixture " + bad + c[0] + " --background");
            assertEquals(1, r.exit(), c[0]);
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("pseudofs: " + bad + c[1]), r.err());
        }
        assertTrue(sh("mountpoint -q " + root + "/proc").exit() != 0); // nothing was mounted
        // the same checks when loading into a running server; what the view refuses is named too
        mount(root);
        Shell.Result r = sh("./pseudofs load " + root + " " + bad + "twice.yaml");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("twice.yaml:4: proc/meminfo is defined twice"), r.err());
        Shell.Result ww = sh("./pseudofs load " + root + " " + bad + "world-writable.yaml");
        assertEquals(1, ww.exit());
        assertTrue(ww.err().contains("world-writable.yaml:2: sys/class/leds/led0/brightness:"), ww.err());
        sh("./pseudofs load " + root + " " + FIX + "laptop.yaml").ok();
        assertEquals("87\n", sh("cat " + root + BAT + "capacity").ok());
    }

    // Values that change between two reads of the host, and so are not compared.
    private static final String CHANGING = "statistics/*|power/runtime_active_time|power/runtime_suspended_time"
            + "|carrier_changes|carrier_up_count|carrier_down_count";

    @Test
    void aRecordOfTheHostsProcSysVmAndSysClassNetReplaysByteForByte() {
        String file = tmp + "/host.yaml";
        Shell.Result rec = sh("./pseudofs record /proc/sys/vm /sys/class/net --depth 3 -o " + file
                + " 2> " + tmp + "/record.err; rc=$?; cat " + tmp + "/record.err >&2; exit $rc");
        assertEquals(0, rec.exit(), rec.err());
        mount(root, file);
        // /proc/sys/vm: every readable file, its mode and its bytes; unreadable ones were reported
        String vm = sh("cd /proc/sys/vm && for f in *; do m=$(stat -c %a $f);"
                + " if cat $f > /dev/null 2>&1; then cmp -s $f " + root + "/proc/sys/vm/$f || echo DIFF $f;"
                + " [ \"$m\" = \"$(stat -c %a " + root + "/proc/sys/vm/$f)\" ] || echo MODE $f;"
                + " else grep -q \"^# skipped /proc/sys/vm/$f\\b\" " + file + " || echo UNREPORTED $f; fi; done").ok();
        assertEquals("", vm);
        long skippedVm = sh("cat " + file).ok().lines().filter(l -> l.startsWith("# skipped /proc/sys/vm/")).count();
        assertEquals(Long.parseLong(sh("ls /proc/sys/vm | wc -l").ok().trim()),
                Long.parseLong(sh("ls " + root + "/proc/sys/vm | wc -l").ok().trim()) + skippedVm);
        // a sysctl of the replay parses like the kernel's handler
        sh("cp " + root + "/proc/sys/vm/swappiness " + tmp + "/before");
        assertTrue(sh("echo abc > " + root + "/proc/sys/vm/swappiness").err().contains("Invalid argument"));
        sh("cmp /proc/sys/vm/swappiness " + root + "/proc/sys/vm/swappiness").ok();
        // /sys/class/net: the links, then each device's entries two levels down (modes, link texts, bytes)
        String net = sh("cd /sys/class/net && for i in *; do"
                + " [ \"$(readlink $i)\" = \"$(readlink " + root + "/sys/class/net/$i)\" ] || echo LINK $i;"
                + " (cd $i/ && find . -mindepth 1 -maxdepth 2 | sort | while read f; do o=" + root + "/sys/class/net/$i/$f;"
                + "  if [ -f \"$f\" ] && [ ! -L \"$f\" ] && ! cat \"$f\" > /dev/null 2>&1; then"
                + "   grep -qF \"skipped $(readlink -f $f)\" " + file + " || echo UNREPORTED $i/$f; continue; fi;"
                + "  [ \"$(stat -c %F:%a \"$f\")\" = \"$(stat -c %F:%a \"$o\")\" ] || echo TYPE $i/$f;"
                + "  if [ -L \"$f\" ]; then [ \"$(readlink \"$f\")\" = \"$(readlink \"$o\")\" ] || echo READLINK $i/$f;"
                + "  elif [ -f \"$f\" ] && cat \"$f\" > /dev/null 2>&1; then case \"$f\" in ./" + CHANGING.replace("|", "|./")
                + ") ;; *) cmp -s \"$f\" \"$o\" || echo DIFF $i/$f;; esac; fi; done); done").ok();
        assertEquals("", net);
        assertTrue(sh("ls " + root + "/sys/class/net/lo/").ok().contains("mtu"));
    }

    @Test
    void aTtarArchiveAndAUmockdevDumpImportAndReadBackByteForByte() {
        // ttar: given directly to --fixture, and converted by import (same bytes either way)
        String other = tmp + "/other";
        mount(root, FIX + "sample.ttar");
        sh("./pseudofs import " + FIX + "sample.ttar -o " + tmp + "/ttar.yaml").ok();
        mount(other, tmp + "/ttar.yaml");
        for (String r : List.of(root, other)) {
            assertEquals("vim\\0test.go\\0+10\\0", sh("od -An -c " + r + "/proc/26231/cmdline | tr -d ' \\n'").ok());
            assertEquals("vim\n", sh("cat " + r + "/proc/26231/comm").ok());
            assertEquals("/usr/bin/vim\n", sh("readlink " + r + "/proc/26231/exe").ok());
            assertEquals("a NULLBYTE and an EOF word\nno newline at the end", sh("cat " + r + "/proc/26231/literal").ok());
            assertEquals("600\n", sh("stat -c %a " + r + "/proc/26231/literal").ok());
            assertEquals("0.02 0.04 0.05 1/497 1599\n", sh("cat " + r + "/proc/loadavg").ok());
            assertEquals("49925\n", sh("cat " + r + "/sys/class/thermal/thermal_zone0/temp").ok());
            assertEquals("26231\n", sh("ls " + r + "/proc | grep '^[0-9]*$'").ok()); // the archive's processes only
        }
        // umockdev: attributes unescaped, binary attributes, links, uevent, class and bus entries
        String u = tmp + "/umock";
        mount(u, FIX + "sample.umockdev");
        String bat = u + "/sys/class/power_supply/BAT1/";
        assertEquals("42\n", sh("cat " + bat + "capacity").ok());
        assertEquals("ACME \"Power\"\n", sh("cat " + bat + "manufacturer").ok());
        assertEquals("tab\there\n", sh("cat " + bat + "model_name").ok());
        assertEquals("AB\n", sh("cat " + bat + "octal").ok());
        assertEquals("0001feff", sh("od -An -tx1 " + bat + "raw | tr -d ' \\n'").ok());
        assertEquals("4\n", sh("stat -c %s " + bat + "raw").ok());
        assertEquals("POWER_SUPPLY_NAME=BAT1\nSUBSYSTEM=power_supply\n", sh("cat " + bat + "uevent").ok());
        assertEquals("../../../../../../class/power_supply\n", sh("readlink " + bat + "subsystem").ok());
        assertEquals("power_supply\n", sh("basename $(readlink -f " + bat + "subsystem)").ok());
        assertEquals("0x8086\n", sh("cat " + u + "/sys/bus/pci/devices/0000:00:1f.6/vendor").ok());
        assertEquals("auto\n", sh("cat " + u + "/sys/devices/pci0000:00/0000:00:1f.6/power/control").ok());
        assertTrue(sh("./pseudofs import " + FIX + "sample.umockdev").ok().contains(
                "\"devices/LNXSYSTM:00/LNXSYBUS:00/PNP0C0A:00/power_supply/BAT1/raw\": {base64: \"AAH+/w==\", mode: 0644}"));
    }

    // The six links of procfs's archive that climb above /sys (a copy of a deeper tree): a dump
    // replays them as recorded (verbatim), which the kernel's sysfs never makes (S27, docs/compat.md).
    private static final List<String> OUTSIDE = List.of(
            "sys/devices/pci0000:a2/0000:a2:00.0/driver",
            "sys/devices/pci0000:a2/0000:a2:00.0/ice.ptp_aux_dev_162_0_clk0.0/driver",
            "sys/devices/pci0000:a2/0000:a2:00.0/ice.ptp_aux_dev_162_0_clk0.0/subsystem",
            "sys/devices/pci0000:a2/0000:a2:00.0/net/enp162s0f0np0/subsystem",
            "sys/devices/pci0000:a2/0000:a2:00.0/ptp/ptp2/subsystem",
            "sys/devices/pci0000:a2/0000:a2:00.0/subsystem");

    @Test
    void procfssOwnArchiveImportsWholeAndEveryEntryReadsBackWithItsBytesModeAndLinkText() { // S20, S27, P12, C1
        String archive = FIX + "procfs/fixtures.ttar";
        // import loses nothing: exit 0, no word on stderr; the climbing links carry their recorded text
        Shell.Result imp = sh("./pseudofs import " + archive + " -o " + tmp + "/procfs.yaml");
        assertEquals(0, imp.exit(), imp.err());
        assertEquals("", imp.err());
        String yaml = sh("cat " + tmp + "/procfs.yaml").ok();
        assertEquals(OUTSIDE.size(), yaml.lines().filter(l -> l.contains("verbatim: true")).count());
        // every entry of the archive, read by an independent reader, is in the mount as archived, given
        // directly to mount or through the import: >4 KiB PCI config files whole, config/ as plain
        // directories, proc/self -> 26231, 755 sysctl dirs, and the six links byte for byte
        String direct = tmp + "/direct";
        mount(direct, archive);
        mount(root, tmp + "/procfs.yaml");
        for (String r : List.of(direct, root)) {
            Shell.Result check = sh("python3 " + FIX + "procfs/ttar-check.py " + archive + " " + r);
            assertEquals(List.of("checked 3608 entries, 0 differ"), check.out().lines().toList(), check.err());
            assertEquals("../../../../../../../../bus/pci\n",
                    sh("readlink " + r + "/sys/devices/pci0000:a2/0000:a2:00.0/subsystem").ok());
        }
        assertEquals("4168 4168\n", sh("stat -c %s " + root + "/sys/devices/pci0000:00/0000:00:03.0/config | tr '\\n' ' ';"
                + " cat " + root + "/sys/devices/pci0000:00/0000:00:03.0/config | wc -c").ok());
        assertEquals("26231\n", sh("readlink " + root + "/proc/self").ok());
        assertEquals("755\n", sh("stat -c %a " + root + "/proc/sys/kernel/random").ok());
        assertEquals("1\n", sh("cat " + root + "/sys/kernel/config/target/core/fileio_1/file_lio_1G/enable").ok());
        // set and get resolve links inside the view only: a path through a climbing link is refused
        Shell.Result through = sh("./pseudofs get " + root + " " + OUTSIDE.get(5) + "/drivers_autoprobe");
        assertEquals(1, through.exit());
        assertEquals(1, through.err().lines().count(), through.err());
        assertTrue(through.err().contains("leaves the view"), through.err());
        // a dump of the mount keeps them verbatim, and a hand-written absolute sysfs link stays refused
        assertTrue(sh("./pseudofs dump " + root + " " + OUTSIDE.get(5)).ok()
                .contains("{link: \"../../../../../../../../bus/pci\", verbatim: true}"));
        write(tmp.resolve("shadow.yaml"), "sys:\n  x: {link: /etc/shadow, verbatim: true}\n");
        Shell.Result shadow = sh("./pseudofs load " + root + " " + tmp + "/shadow.yaml");
        assertEquals(1, shadow.exit());
        assertEquals(1, shadow.err().lines().count(), shadow.err());
        assertTrue(shadow.err().contains("shadow.yaml:2: sys/x: link target '/etc/shadow' is absolute"), shadow.err());
    }

    @Test
    void aRealUmockdevDumpMountsAsUmockdevsTestbedBuildsIt() { // S26, S27
        String dump = FIX + "umockdev/canon-powershot-sx200.umockdev";
        String list = FIX + "umockdev/list-sys.sh";
        mount(root, dump);
        String cam = root + "/sys/devices/pci0000:00/0000:00:1a.0/usb1/1-1/1-1.5/1-1.5.2/1-1.5.2.3/";
        // the kernel's uevent: DEVNAME without /dev/ (umockdev strips it as the testbed is built)
        assertTrue(sh("cat " + cam + "uevent").ok().contains("\nDEVNAME=bus/usb/001/011\nDEVNUM=011\n"));
        // /sys/dev/char/MAJ:MIN for each device with a dev attribute and a DEVNAME; bus links; binary attributes
        assertEquals("../../devices/pci0000:00/0000:00:1a.0/usb1/1-1/1-1.5/1-1.5.2/1-1.5.2.3\n",
                sh("readlink " + root + "/sys/dev/char/189:10").ok());
        assertEquals("189:0\n189:1\n189:10\n189:2\n189:4\n", sh("ls " + root + "/sys/dev/char | LC_ALL=C sort").ok());
        assertEquals("../../../devices/pci0000:00/0000:00:1a.0/usb1/1-1/1-1.5/1-1.5.2/1-1.5.2.3\n",
                sh("readlink " + root + "/sys/bus/usb/devices/1-1.5.2.3").ok());
        assertEquals("1201000200000040a904c031", sh("head -c 12 " + cam + "descriptors | od -An -tx1 | tr -d ' \\n'").ok());
        assertEquals("57\n", sh("stat -c %s " + cam + "descriptors").ok());
        // and every entry umockdev's own testbed shows, when umockdev is installed here
        if (sh("command -v umockdev-run").exit() == 0) {
            String theirs = sh("cd " + tmp + " && umockdev-run -d " + REPO.resolve(dump) + " -- " + REPO.resolve(list)).ok();
            write(tmp.resolve("theirs"), theirs);
            sh("awk '{print $2}' " + tmp + "/theirs > " + tmp + "/paths").ok();
            assertEquals(theirs, sh(list + " " + root + "/sys " + tmp + "/paths").ok());
            assertTrue(theirs.lines().count() > 150, theirs);
        }
    }

    @Test
    void aRunningServerRefusesHostileFixturesInOneLineAndKeepsAnswering() { // issue 14: resource bounds
        String bad = tmp + "/hostile";
        sh("mkdir -p " + bad + " && python3 " + FIX + "hostile/make.py " + bad).ok();
        mount(root, FIX + "laptop.yaml");
        String[][] cases = {
            {"alias-bomb.yaml", "alias-bomb.yaml:"}, // the entry limit (its exact message: FixtureLimitsTest)
            {"deep.yaml", "deep.yaml: too large for a fixture file: Nesting Depth exceeded max 200"},
            {"huge-scalar.yaml", "huge-scalar.yaml:2: more than "},
            {"many-keys.yaml", "many-keys.yaml:"},
            {"huge-declared.ttar", "huge-declared.ttar:1: the archive ends inside the file's 99999999999999 lines"},
            {"truncated.ttar", "truncated.ttar:4: the archive ends inside a line: it is cut short"},
            {"big.ttar", "big.ttar is larger than 8 MiB; serve it with pseudofs mount --fixture"},
            {"garbage.yaml", "garbage.yaml: not YAML:"},
            {"garbage.ttar", "garbage.ttar:1: unknown ttar line 'R"},
            {"garbage.umockdev", "garbage.umockdev:1: a device starts with a 'P: /devices/...' line"},
        };
        for (String[] c : cases) {
            Shell.Result r = sh("./pseudofs load " + root + " " + bad + "/" + c[0]);
            assertEquals(1, r.exit(), c[0] + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(bad + "/" + c[1]), r.err());
            assertTrue(r.err().length() < 400, r.err());
            // FUSE and the control channel still answer, and nothing of the refused file was installed
            assertEquals("87\n", sh("cat " + root + BAT + "capacity").ok(), c[0]);
            assertEquals("87\n", sh("./pseudofs get " + root + " sys/class/power_supply/BAT0/capacity").ok(), c[0]);
        }
        sh("[ ! -e " + root + "/sys/big ] && [ ! -e " + root + "/sys/a ]").ok();
        // the launcher refuses the same files before it mounts anything, in one line
        Shell.Result r = sh("./pseudofs mount --root " + tmp + "/m --fixture " + bad + "/alias-bomb.yaml --background");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        sh("./pseudofs load " + root + " " + FIX + "sample.ttar").ok();
        assertEquals("vim\n", sh("cat " + root + "/proc/26231/comm").ok());
    }

    @Test
    void aHandWrittenYamlOfAHundredThousandEntriesMountsWithTheDefaultHeap() { // S5, S17: YAML read as events
        String yaml = tmp + "/big.yaml";
        sh("python3 " + FIX + "scale/make-yaml.py " + yaml + " 100000").ok();
        mount(root, yaml); // no --heap: the launcher checks it in its own heap, the server gets the default rule
        String dev = root + "/sys/devices/platform/bench/";
        assertEquals("100000\n", sh("find " + dev + " -mindepth 1 | wc -l").ok());
        // a sample of devices, each value a function of its device and attribute numbers (make-yaml.py)
        for (int d : new int[] {0, 1, 499, 998, 999}) {
            String p = dev + String.format("dev%05d/", d);
            assertEquals("dev " + d + " attribute 96\n" + (d * 100 + 97) + "\n" + ((d + 98) % 2 == 1 ? "1" : "0")
                    + "\ndev" + d + "-93\na [b] c\n", sh("cat " + p + "text96 " + p + "int97 " + p + "bool98 "
                    + p + "str93 " + p + "mode94").ok());
            assertEquals(String.format("../dev%05d\n", (d + 1) % 1000), sh("readlink " + p + "link95").ok());
            assertEquals("4096 644\n", sh("stat -c '%s %a' " + p + "int97").ok());
        }
        // the entries keep their kinds: bounds refuse with EINVAL and keep the value
        String v = dev + "dev00500/int01";
        assertTrue(sh("echo 2000000 > " + v).err().contains("Invalid argument"));
        sh("echo 5 > " + v).ok();
        assertEquals("5\n", sh("cat " + v).ok());
    }

    @Test
    void aRecordingOfProcSelfMountsWithSelfAsALinkToAPidDirectory() { // P12
        String f = tmp + "/self.yaml";
        write(Path.of(f), "proc:\n  self/mountinfo: \"22 1 0:21 / /proc rw - proc proc rw\\n\"\n");
        mount(root, f);
        assertEquals("22 1 0:21 / /proc rw - proc proc rw\n", sh("cat " + root + "/proc/self/mountinfo").ok());
        assertEquals("4242\n", sh("readlink " + root + "/proc/self").ok());
        // a recording that names its PID: self links to it
        String g = tmp + "/pid.yaml";
        write(Path.of(g), "proc:\n  self: {link: \"77\"}\n  77: {dir: {status: \"Name: x\\n\"}, mode: 0555}\n");
        String other = tmp + "/other";
        mount(other, g);
        assertEquals("77\n", sh("readlink " + other + "/proc/self").ok());
        assertEquals("Name: x\n", sh("cat " + other + "/proc/self/status").ok());
    }

    @Test
    void dumpAfterWritesReflectsTheWritesAndReplays() {
        mount(root, FIX + "laptop.yaml");
        sh("echo 42 > " + root + BAT + "capacity && echo 5 > " + root + "/proc/sys/vm/swappiness"
                + " && echo force-discharge > " + root + BAT + "charge_behaviour"
                + " && mkdir " + root + "/sys/kernel/config/targets/lun7"
                + " && echo 512 > " + root + "/sys/kernel/config/targets/lun7/size"
                + " && echo 1 > " + root + "/sys/kernel/debug/battery_sim/fast_charge").ok();
        sh("./pseudofs set " + root + " sys/class/power_supply/BAT0/status Full").ok();
        String dump = sh("./pseudofs dump " + root).ok();
        String dev = "\"devices/LNXSYSTM:00/LNXSYBUS:00/PNP0C0A:00/power_supply/BAT0/";
        assertTrue(dump.contains(dev + "capacity\": {int: 42, min: 0, max: 100, mode: 0644}"), dump);
        assertTrue(dump.contains(dev + "status\": {string: \"Full\", mode: 0444}"), dump);
        assertTrue(dump.contains(dev + "charge_behaviour\": {choice: \"force-discharge\""), dump);
        assertTrue(dump.contains("\"sys/vm/swappiness\": {int: 5, min: 0, max: 200}"), dump);
        assertTrue(dump.contains("\"battery_sim/fast_charge\": {bool: true, mode: 0600}"), dump);
        assertTrue(dump.contains("\"lun7\": {\"size\": \"512\", \"enabled\": \"false\", \"mode\": \"ro\"}"), dump);
        // the dump of one subtree, mounted elsewhere, shows the written values
        String other = tmp + "/other";
        sh("./pseudofs dump " + root + " sys/devices -o " + tmp + "/devices.yaml").ok();
        sh("./pseudofs dump " + root + " sys/kernel/config -o " + tmp + "/config.yaml").ok();
        mount(other, tmp + "/devices.yaml", tmp + "/config.yaml");
        String ob = other + "/sys/devices/LNXSYSTM:00/LNXSYBUS:00/PNP0C0A:00/power_supply/BAT0/";
        assertEquals("42\nFull\nauto inhibit-charge [force-discharge]\n",
                sh("cat " + ob + "capacity " + ob + "status " + ob + "charge_behaviour").ok());
        assertEquals("512\n", sh("cat " + other + "/sys/kernel/config/targets/lun7/size").ok());
        assertTrue(sh("echo 101 > " + ob + "capacity").err().contains("Invalid argument")); // bounds kept
    }
}
