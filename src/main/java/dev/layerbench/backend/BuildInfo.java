package dev.layerbench.backend;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** layerbench's own version and commit, stamped into the jar at build time. */
public final class BuildInfo {
    private BuildInfo() {
    }

    public static String version() {
        return load("/layerbench-build.properties").getProperty("version", EnvironmentProbe.UNKNOWN);
    }

    /** The ND4J release layerbench was built against; its native jars carry it in their names. */
    public static String nd4jVersion() {
        return load("/layerbench-build.properties").getProperty("nd4j.version", EnvironmentProbe.UNKNOWN);
    }

    /** The commit the build came from, with "-dirty" when the working tree had uncommitted changes. */
    public static String gitCommit() {
        Properties git = load("/git.properties");
        String commit = git.getProperty("git.commit.id", EnvironmentProbe.UNKNOWN);
        return Boolean.parseBoolean(git.getProperty("git.dirty", "false")) ? commit + "-dirty" : commit;
    }

    static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource leaves the fields "unknown", which the result then says
        }
        return properties;
    }
}
