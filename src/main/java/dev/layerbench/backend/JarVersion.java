package dev.layerbench.backend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.JarFile;

/** The version of the jar a class was loaded from, by its Maven pom.properties or its manifest. */
final class JarVersion {
    private JarVersion() {
    }

    /** @param coordinate "group:artifact"; "unknown" when the class is absent or its jar says nothing. */
    static String of(String coordinate, String className) {
        try {
            Class<?> type = Class.forName(className, false, JarVersion.class.getClassLoader());
            Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            String[] ga = coordinate.split(":");
            try (JarFile file = new JarFile(jar.toFile())) {
                var entry = file.getEntry("META-INF/maven/" + ga[0] + "/" + ga[1] + "/pom.properties");
                if (entry != null) {
                    try (InputStream in = file.getInputStream(entry)) {
                        Properties pom = new Properties();
                        pom.load(in);
                        return pom.getProperty("version", EnvironmentProbe.UNKNOWN);
                    }
                }
                String manifest = file.getManifest() == null ? null
                        : file.getManifest().getMainAttributes().getValue("Implementation-Version");
                return manifest != null ? manifest : EnvironmentProbe.UNKNOWN;
            }
        } catch (ClassNotFoundException | IOException | java.net.URISyntaxException | RuntimeException e) {
            // absent library, or loaded from somewhere that is not a jar (a classes directory)
            return EnvironmentProbe.UNKNOWN;
        }
    }
}
