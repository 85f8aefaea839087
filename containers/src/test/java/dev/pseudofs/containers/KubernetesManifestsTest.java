package dev.pseudofs.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pseudofs.core.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Parses deploy/kubernetes/*.yaml and checks every field against the Kubernetes API types it
 * belongs to (names as in the API reference: apps/v1 DaemonSet, core/v1 Pod, PodSpec,
 * Container, VolumeMount, HostPathVolumeSource ...), plus what the recipe relies on.
 */
class KubernetesManifestsTest {
    private static final Path DIR = Path.of("..", "deploy", "kubernetes");

    // type -> field -> type of the field's value ("" = scalar, "map" = free string map,
    // "[T]" = list of T)
    private static final Map<String, Map<String, String>> TYPES = Map.ofEntries(
            Map.entry("DaemonSet", Map.of("apiVersion", "", "kind", "", "metadata", "ObjectMeta",
                    "spec", "DaemonSetSpec")),
            Map.entry("Pod", Map.of("apiVersion", "", "kind", "", "metadata", "ObjectMeta", "spec", "PodSpec")),
            Map.entry("ObjectMeta", Map.of("name", "", "namespace", "", "labels", "map", "annotations", "map")),
            Map.entry("DaemonSetSpec", Map.of("selector", "LabelSelector", "template", "PodTemplateSpec",
                    "updateStrategy", "DaemonSetUpdateStrategy")),
            Map.entry("LabelSelector", Map.of("matchLabels", "map")),
            Map.entry("DaemonSetUpdateStrategy", Map.of("type", "")),
            Map.entry("PodTemplateSpec", Map.of("metadata", "ObjectMeta", "spec", "PodSpec")),
            Map.entry("PodSpec", Map.of("hostPID", "", "priorityClassName", "", "terminationGracePeriodSeconds", "",
                    "containers", "[Container]", "volumes", "[Volume]")),
            Map.entry("Container", Map.of("name", "", "image", "", "command", "[]", "args", "[]",
                    "securityContext", "SecurityContext", "resources", "ResourceRequirements",
                    "readinessProbe", "Probe", "volumeMounts", "[VolumeMount]")),
            Map.entry("SecurityContext", Map.of("privileged", "")),
            Map.entry("ResourceRequirements", Map.of("requests", "map", "limits", "map")),
            Map.entry("Probe", Map.of("exec", "ExecAction", "periodSeconds", "")),
            Map.entry("ExecAction", Map.of("command", "[]")),
            Map.entry("VolumeMount", Map.of("name", "", "mountPath", "", "readOnly", "", "mountPropagation", "")),
            Map.entry("Volume", Map.of("name", "", "hostPath", "HostPathVolumeSource")),
            Map.entry("HostPathVolumeSource", Map.of("path", "", "type", "")));
    private static final Set<String> PROPAGATION = Set.of("None", "HostToContainer", "Bidirectional");
    private static final Set<String> HOST_PATH_TYPES = Set.of("", "DirectoryOrCreate", "Directory",
            "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice");

    private static Map<String, Object> load(String name) throws IOException {
        return new Yaml().load(Files.readString(DIR.resolve(name)));
    }

    @SuppressWarnings("unchecked")
    private static void check(String type, Object value, String where, List<String> bad) {
        if (type.startsWith("[")) {
            if (!(value instanceof List<?> list)) {
                bad.add(where + ": not a list");
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                check(type.substring(1, type.length() - 1), list.get(i), where + "[" + i + "]", bad);
            }
            return;
        }
        if (type.isEmpty() || type.equals("map")) {
            if (type.isEmpty() && (value instanceof Map || value instanceof List)) {
                bad.add(where + ": not a scalar");
            }
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            bad.add(where + ": not an object of " + type);
            return;
        }
        Map<String, String> fields = TYPES.get(type);
        for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
            String t = fields.get(e.getKey());
            if (t == null) {
                bad.add(where + "." + e.getKey() + ": no such field in " + type);
            } else {
                check(t, e.getValue(), where + "." + e.getKey(), bad);
            }
        }
        if (type.equals("VolumeMount") && map.containsKey("mountPropagation")
                && !PROPAGATION.contains(map.get("mountPropagation"))) {
            bad.add(where + ".mountPropagation: " + map.get("mountPropagation"));
        }
        if (type.equals("HostPathVolumeSource") && !HOST_PATH_TYPES.contains(String.valueOf(map.containsKey("type") ? map.get("type") : ""))) {
            bad.add(where + ".type: " + map.get("type"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> m, String... path) {
        for (String p : path) {
            m = (Map<String, Object>) m.get(p);
        }
        return m;
    }

    /** Loads a manifest, checks its apiVersion and kind, and every field it names against the schema. */
    private static Map<String, Object> manifest(String file, String apiVersion, String kind) throws IOException {
        Map<String, Object> m = load(file);
        assertEquals(apiVersion, m.get("apiVersion"));
        assertEquals(kind, m.get("kind"));
        List<String> bad = new ArrayList<>();
        check(kind, m, kind, bad);
        if (!bad.isEmpty()) {
            fail(String.join("\n", bad));
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void volumesMatchMounts(Map<String, Object> podSpec) {
        Set<String> volumes = ((List<Map<String, Object>>) podSpec.get("volumes")).stream()
                .map(v -> (String) v.get("name")).collect(Collectors.toSet());
        for (Map<String, Object> c : (List<Map<String, Object>>) podSpec.get("containers")) {
            for (Map<String, Object> vm : (List<Map<String, Object>>) c.get("volumeMounts")) {
                assertTrue(volumes.contains(vm.get("name")), "volumeMount without a volume: " + vm);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDaemonSetNamesRealFieldsAndRunsTheContainerView() throws IOException {
        Map<String, Object> ds = manifest("pseudofs-daemonset.yaml", "apps/v1", "DaemonSet");
        assertEquals(at(ds, "spec", "selector", "matchLabels"), at(ds, "spec", "template", "metadata", "labels"));
        Map<String, Object> pod = at(ds, "spec", "template", "spec");
        volumesMatchMounts(pod);
        Map<String, Object> c = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        assertEquals(Boolean.TRUE, at(c, "securityContext").get("privileged")); // Bidirectional needs it
        Map<String, Object> root = ((List<Map<String, Object>>) c.get("volumeMounts")).stream()
                .filter(v -> "/var/lib/pseudofs".equals(v.get("mountPath"))).findFirst().orElseThrow();
        assertEquals("Bidirectional", root.get("mountPropagation"));
        String script = ((List<String>) c.get("args")).get(0);
        assertTrue(script.contains("pseudofs mount --root \"$R\" --containers --shared"), script);
        assertTrue(script.contains("pseudofs rebind --pid \"$p\" --root \"$R\""), script);
        Shell.sh(Path.of("."), "sh -n -c " + quote(script)).ok(); // the script parses
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePodBindsSingleFilesOfTheView() throws IOException {
        Map<String, Object> pod = manifest("pod-example.yaml", "v1", "Pod");
        volumesMatchMounts(at(pod, "spec"));
        for (Map<String, Object> v : (List<Map<String, Object>>) at(pod, "spec").get("volumes")) {
            Map<String, Object> hp = (Map<String, Object>) v.get("hostPath");
            assertEquals("File", hp.get("type"), v.toString());
            assertTrue(((String) hp.get("path")).startsWith("/var/lib/pseudofs/"), v.toString());
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
