package vn.caunoi.api.plugins;

import org.junit.jupiter.api.Test;
import vn.caunoi.spi.Since;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each first-party plugin declares the SPI version it really needs: at least the version that added
 * every SPI method it overrides ({@link Since}). An older server would load it and never call them.
 */
class PluginManifestsTest {

    private static final Pattern LOWER_BOUND = Pattern.compile(">=\\s*(\\d+\\.\\d+\\.\\d+)");

    @Test
    void every_first_party_plugin_requires_the_spi_version_of_the_methods_it_overrides() throws Exception {
        List<Path> jars;
        try (Stream<Path> files = Files.list(PluginJars.FIRST_PARTY)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        assertThat(jars).as("the five first-party plugins, built beside the server").hasSize(5);
        List<String> checked = new ArrayList<>();
        for (Path jar : jars) {
            String requires;
            List<String> classes = new ArrayList<>();
            try (JarFile file = new JarFile(jar.toFile())) {
                requires = file.getManifest().getMainAttributes().getValue("Plugin-Requires");
                for (JarEntry e : Collections.list(file.entries())) {
                    if (e.getName().endsWith(".class") && !e.getName().contains("module-info")) {
                        classes.add(e.getName().replace('/', '.').replace(".class", ""));
                    }
                }
            }
            assertThat(requires).as(jar + " declares Plugin-Requires").isNotBlank();
            Matcher lower = LOWER_BOUND.matcher(requires);
            assertThat(lower.find()).as(jar + ": Plugin-Requires has a lower bound (>=x.y.z): " + requires).isTrue();
            String needed = "1.0.0";
            try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, getClass().getClassLoader())) {
                for (String name : classes) {
                    needed = max(needed, needed(loader.loadClass(name)));
                }
            }
            assertThat(compare(lower.group(1), needed)).as(jar.getFileName() + " overrides SPI methods of " + needed
                    + " but requires " + requires).isGreaterThanOrEqualTo(0);
            checked.add(jar.getFileName() + " needs " + needed + ", requires " + requires);
        }
        assertThat(checked).anySatisfy(c -> assertThat(c).startsWith("caunoi-plugin-vneid").contains("needs 1.1.0"));
    }

    /** The highest {@link Since} of the SPI methods this class overrides (declares with the same signature). */
    static String needed(Class<?> type) throws IOException {
        String needed = "1.0.0";
        for (Class<?> spi : spiTypes(type)) {
            for (Method m : spi.getDeclaredMethods()) {
                Since since = m.getAnnotation(Since.class);
                if (since != null && declares(type, m)) {
                    needed = max(needed, since.value());
                }
            }
        }
        return needed;
    }

    private static List<Class<?>> spiTypes(Class<?> type) {
        List<Class<?>> result = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().startsWith("vn.caunoi.spi.")) {
                result.add(c);
            }
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().startsWith("vn.caunoi.spi.")) {
                    result.add(i);
                    result.addAll(spiTypes(i));
                }
            }
        }
        return result;
    }

    private static boolean declares(Class<?> type, Method spiMethod) {
        for (Class<?> c = type; c != null && !c.getName().startsWith("vn.caunoi.spi."); c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod(spiMethod.getName(), spiMethod.getParameterTypes());
                return true;
            } catch (NoSuchMethodException notHere) {
                // look in the superclass
            }
        }
        return false;
    }

    static String max(String a, String b) {
        return compare(a, b) >= 0 ? a : b;
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < 3; i++) {
            int d = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }
}
