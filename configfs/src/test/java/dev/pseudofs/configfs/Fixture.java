package dev.pseudofs.configfs;

import dev.pseudofs.core.Errno;
import dev.pseudofs.core.FsException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds a configfs with the kernel samples plus test subsystems that record every callback:
 * {@code defaults} (groups with a default group), {@code targets} and {@code users} (links),
 * {@code bin} (a binary attribute) and {@code sizes} (a store that records write sizes).
 */
final class Fixture {
    final Configfs cfs = Configfs.create();
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Integer> storeSizes = new CopyOnWriteArrayList<>();
    final AtomicReference<byte[]> blob = new AtomicReference<>("hello".getBytes(StandardCharsets.UTF_8));
    final AtomicInteger commits = new AtomicInteger();
    final List<ConfigfsSubsystem> samples;
    final ConfigGroup targets;
    final ConfigGroup users;

    Fixture() {
        samples = Samples.install(cfs);

        ItemType params = ItemType.builder().name("params")
                .attribute(ConfigfsAttribute.ro("level", (item, page) -> page.append("3\n")))
                .makeItem((group, name) -> new ConfigItem(name, leafType()))
                .build();
        ItemType withDefaults = ItemType.builder().name("with_defaults")
                .attribute(ConfigfsAttribute.ro("enable", (item, page) -> page.append("0\n")))
                .release(item -> events.add("release " + item.name()))
                .build();
        ItemType defaultsTop = ItemType.builder().name("defaults_top")
                .makeGroup((group, name) -> {
                    if (name.startsWith("bad")) {
                        throw FsException.invalid("make_group refuses " + name); // G4
                    }
                    if (name.equals("oom")) {
                        return null; // G4: ENOMEM
                    }
                    ConfigGroup g = new ConfigGroup(name, withDefaults);
                    g.addDefaultGroup(new ConfigGroup("params", params));
                    events.add("make " + name);
                    return g;
                })
                .disconnectNotify((group, item) -> events.add("disconnect " + item.name()))
                .dropItem((group, item) -> events.add("drop " + item.name()))
                .build();
        cfs.registerSubsystem(new ConfigfsSubsystem(new ConfigGroup("defaults", defaultsTop)));

        targets = new ConfigGroup("targets", ItemType.builder().name("targets")
                .makeItem((group, name) -> new ConfigItem(name, leafType())).build());
        cfs.registerSubsystem(new ConfigfsSubsystem(targets));
        ItemType user = ItemType.builder().name("user")
                .attribute(ConfigfsAttribute.ro("id", (item, page) -> page.append(item.name() + "\n")))
                .allowLink((src, dst) -> {
                    if (dst.name().startsWith("nope")) {
                        throw new FsException(Errno.ENOSPC, "allow_link refuses " + dst.name());
                    }
                    events.add("allow " + src.name() + " -> " + dst.name());
                })
                .dropLink((src, dst) -> events.add("droplink " + src.name() + " -> " + dst.name()))
                .build();
        users = new ConfigGroup("users", ItemType.builder().name("users")
                .makeItem((group, name) -> new ConfigItem(name, user)).build());
        cfs.registerSubsystem(new ConfigfsSubsystem(users));

        ItemType bin = ItemType.builder().name("bin")
                .binAttribute(ConfigfsBinAttribute.rw("data", 16, item -> blob.get(), (item, data) -> {
                    commits.incrementAndGet();
                    blob.set(data);
                }))
                .attribute(new ConfigfsAttribute("sink", 0200, null, (item, in) -> {
                    storeSizes.add(in.count());
                    return in.count();
                }))
                .attribute(ConfigfsAttribute.ro("big", (item, page) -> page.put(new byte[5000])))
                .build();
        cfs.registerSubsystem(new ConfigfsSubsystem(new ConfigGroup("bin", bin)));
    }

    private ItemType leafType() {
        return ItemType.builder().name("leaf")
                .attribute(ConfigfsAttribute.ro("name", (item, page) -> page.append(item.name() + "\n")))
                .release(item -> events.add("release " + item.name()))
                .build();
    }

    ConfigGroup sample(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().group();
    }
}
