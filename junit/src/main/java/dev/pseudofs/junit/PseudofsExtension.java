package dev.pseudofs.junit;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Mounts a {@link PseudofsRoot} for each test (or once for the class) and injects it. Used
 * through {@link PseudofsTest}, or registered with {@code @RegisterExtension} when the setup is
 * a lambda:
 *
 * <pre>{@code
 * @RegisterExtension
 * static PseudofsExtension fake = PseudofsExtension.create()
 *         .fixture("battery.yaml")
 *         .setup(views -> Kobject.createAndAdd("my_driver", views.sysfs().kernel()));
 * }</pre>
 *
 * <p>The root lives in the store of the test's (or the class's) extension context, which JUnit
 * closes after the test whatever its outcome: the views are unmounted also when the test
 * fails, and each test of a parallel run has its own root.
 */
public final class PseudofsExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PseudofsExtension.class);
    private static final String KEY = "root";

    // null: read from the test class's @PseudofsTest
    private final Config given;

    /** Creates the extension {@link PseudofsTest} registers: it reads the test class's annotation. */
    public PseudofsExtension() {
        this(null);
    }

    private PseudofsExtension(Config given) {
        this.given = given;
    }

    /** Returns an extension that mounts all four views per test, with no fixture yet. */
    public static PseudofsExtension create() {
        return new PseudofsExtension(new Config(List.of(), PseudofsRoot.VIEWS, List.of(), false));
    }

    /** Returns a copy that also loads the class path resource {@code name} (as {@link PseudofsTest#fixtures}). */
    public PseudofsExtension fixture(String name) {
        Config c = config();
        return new PseudofsExtension(new Config(plus(c.fixtures, name), c.views, c.setup, c.perClass));
    }

    /** Returns a copy that also runs {@code setup} once the fixtures are loaded. */
    public PseudofsExtension setup(PseudofsSetup setup) {
        Config c = config();
        return new PseudofsExtension(new Config(c.fixtures, c.views, plus(c.setup, setup), c.perClass));
    }

    /** Returns a copy that mounts only {@code names} (proc, sys, debug, config). */
    public PseudofsExtension views(String... names) {
        Config c = config();
        return new PseudofsExtension(new Config(c.fixtures, List.of(names), c.setup, c.perClass));
    }

    /** Returns a copy that mounts one root for the whole class (register it on a static field). */
    public PseudofsExtension perClass() {
        Config c = config();
        return new PseudofsExtension(new Config(c.fixtures, c.views, c.setup, true));
    }

    private Config config() {
        if (given == null) {
            throw new IllegalStateException("configure PseudofsExtension.create(), not the annotation's instance");
        }
        return given;
    }

    private static <T> List<T> plus(List<T> list, T more) {
        List<T> l = new ArrayList<>(list);
        l.add(more);
        return List.copyOf(l);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Config c = config(context);
        if (c.perClass) {
            mountInto(context, c);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Config c = config(context);
        if (!c.perClass) {
            mountInto(context, c);
        }
    }

    // Unmount explicitly as well: the store closes its resources too, but only after every
    // after-callback of the context has run. Each context's store holds only its own root.
    @Override
    public void afterEach(ExtensionContext context) {
        closeIn(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeIn(context);
    }

    private void mountInto(ExtensionContext context, Config c) throws Exception {
        Class<?> anchor = context.getRequiredTestClass();
        PseudofsRoot r = PseudofsRoot.mount(c.views, c.fixtures, c.setup, anchor);
        context.getStore(NS).put(KEY, new Resource(r));
    }

    private static void closeIn(ExtensionContext context) {
        Resource r = context.getStore(NS).remove(KEY, Resource.class);
        if (r != null) {
            r.root.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PseudofsRoot.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Resource r = context.getStore(NS).get(KEY, Resource.class); // a class's root is seen from its tests
        if (r == null) {
            throw new ParameterResolutionException("no pseudofs root here: a per-class root is mounted in beforeAll"
                    + " (register the extension on a static field), a per-test root for test methods");
        }
        return r.root;
    }

    private Config config(ExtensionContext context) {
        if (given != null) {
            return given;
        }
        Optional<PseudofsTest> a = findAnnotation(context.getRequiredTestClass());
        if (a.isEmpty()) {
            return new Config(List.of(), PseudofsRoot.VIEWS, List.of(), false);
        }
        List<PseudofsSetup> setup = new ArrayList<>();
        for (Class<? extends PseudofsSetup> k : a.get().setup()) {
            setup.add(instantiate(k));
        }
        return new Config(Arrays.asList(a.get().fixtures()), Arrays.asList(a.get().views()), setup, a.get().perClass());
    }

    // A @Nested class inherits its enclosing class's annotation.
    private static Optional<PseudofsTest> findAnnotation(Class<?> k) {
        for (Class<?> c = k; c != null; c = c.getEnclosingClass()) {
            Optional<PseudofsTest> a = AnnotationSupport.findAnnotation(c, PseudofsTest.class);
            if (a.isPresent()) {
                return a;
            }
        }
        return Optional.empty();
    }

    private static PseudofsSetup instantiate(Class<? extends PseudofsSetup> k) {
        try {
            Constructor<? extends PseudofsSetup> c = k.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("setup " + k.getName() + " needs a no-argument constructor", e);
        }
    }

    private record Config(List<String> fixtures, List<String> views, List<PseudofsSetup> setup, boolean perClass) {}

    // What the store closes when its context ends, whatever the outcome.
    private record Resource(PseudofsRoot root) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            root.close();
        }
    }
}
