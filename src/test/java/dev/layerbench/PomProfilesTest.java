package dev.layerbench;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pom.xml's GPU profiles: one per stack, so a machine downloads only the stack its GPU runs, and {@code cuda},
 * which must stay exactly both of them — Maven has no way to say so itself.
 */
class PomProfilesTest {
    @Test
    void cudaIsExactlyNd4jCudaPlusPytorchCuda() throws Exception {
        Map<String, Set<String>> profiles = dependenciesByProfile();
        Set<String> nd4j = profiles.get("nd4j-cuda");
        Set<String> torch = profiles.get("pytorch-cuda");
        assertTrue(nd4j.contains("org.nd4j:nd4j-cuda-11.6:${dl4j.version}:linux-x86_64"), nd4j.toString());
        assertTrue(nd4j.contains("org.bytedeco:cuda:11.6-8.3-${javacpp.version}:linux-x86_64-redist"), nd4j.toString());
        assertEquals(Set.of("ai.djl.pytorch:pytorch-native-cu124:${pytorch.version}:linux-x86_64"), torch);

        Set<String> both = new HashSet<>(nd4j);
        both.addAll(torch);
        assertEquals(both, profiles.get("cuda"));
    }

    /** groupId:artifactId:version:classifier of each profile's dependencies, by profile id. */
    private static Map<String, Set<String>> dependenciesByProfile() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        Map<String, Set<String>> byProfile = new HashMap<>();
        NodeList profiles = pom.getElementsByTagName("profile");
        for (int p = 0; p < profiles.getLength(); p++) {
            Element profile = (Element) profiles.item(p);
            Set<String> dependencies = new HashSet<>();
            NodeList nodes = profile.getElementsByTagName("dependency");
            for (int d = 0; d < nodes.getLength(); d++) {
                Element dependency = (Element) nodes.item(d);
                dependencies.add(String.join(":", List.of(text(dependency, "groupId"), text(dependency, "artifactId"),
                        text(dependency, "version"), text(dependency, "classifier"))));
            }
            byProfile.put(text(profile, "id"), dependencies);
        }
        return byProfile;
    }

    private static String text(Element parent, String tag) {
        NodeList children = parent.getElementsByTagName(tag);
        return children.getLength() == 0 ? "" : children.item(0).getTextContent().trim();
    }
}
