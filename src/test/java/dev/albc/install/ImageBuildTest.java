package dev.albc.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What of the image build can be checked offline (no base image can be pulled here): the
 * Dockerfile's syntax, user and entry point, the Jib profile's, and that both start the controller
 * the chart configures (docs/installation.md "Image").
 */
class ImageBuildTest {
  static final Pattern INSTRUCTION = Pattern.compile("^([A-Z]+)\\s+(.*)$");

  record Instruction(String keyword, String args) {}

  static List<Instruction> dockerfile() throws Exception {
    List<Instruction> out = new ArrayList<>();
    StringBuilder cont = new StringBuilder();
    for (String raw : Files.readAllLines(Path.of("Dockerfile"))) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.endsWith("\\")) {
        cont.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      cont.append(line);
      Matcher m = INSTRUCTION.matcher(cont.toString());
      assertThat(m.matches()).as("a Dockerfile instruction: " + cont).isTrue();
      out.add(new Instruction(m.group(1), m.group(2)));
      cont.setLength(0);
    }
    return out;
  }

  @Test
  void dockerfileRunsTheControllerJarAsNonRootWithoutAShell() throws Exception {
    List<Instruction> ins = dockerfile();
    List<String> known = List.of("FROM", "COPY", "USER", "WORKDIR", "ENTRYPOINT", "ENV", "LABEL", "ARG", "EXPOSE", "CMD",
        "RUN");
    assertThat(ins).allSatisfy(i -> assertThat(known).contains(i.keyword()));
    assertThat(ins.get(0).keyword()).isEqualTo("FROM");
    assertThat(ins).filteredOn(i -> i.keyword().equals("FROM")).singleElement()
        .satisfies(i -> assertThat(i.args()).matches(".*java(17|21|25).*"));
    assertThat(ins).noneMatch(i -> i.keyword().equals("RUN")).as("nothing runs a shell at build or run time");
    Instruction user = ins.stream().filter(i -> i.keyword().equals("USER")).reduce((a, b) -> b).orElseThrow();
    assertThat(user.args()).matches("[1-9][0-9]*(:[1-9][0-9]*)?");
    Instruction entry = ins.stream().filter(i -> i.keyword().equals("ENTRYPOINT")).reduce((a, b) -> b).orElseThrow();
    JsonNode exec = new ObjectMapper().readTree(entry.args());
    assertThat(exec.isArray()).as("exec form: no shell").isTrue();
    List<String> argv = new ArrayList<>();
    exec.forEach(a -> argv.add(a.asText()));
    assertThat(argv).containsExactly("/usr/bin/java", "-jar", "/app/albc.jar", "controller");
    assertThat(ins).anySatisfy(i -> {
      assertThat(i.keyword()).isEqualTo("COPY");
      assertThat(i.args()).isEqualTo("target/" + finalName() + ".jar /app/albc.jar");
    });
    assertThat(ins).noneMatch(i -> i.keyword().equals("CMD")).as("the chart's args follow the entry point");
  }

  @Test
  void jibProfileBuildsTheSameImageAsAnOciTarball() throws Exception {
    Document pom = pom();
    Element jib = null;
    NodeList plugins = pom.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element p = (Element) plugins.item(i);
      if (text(p, "artifactId").equals("jib-maven-plugin")) {
        jib = p;
      }
    }
    assertThat(jib).as("jib-maven-plugin in the pom").isNotNull();
    Element profile = (Element) jib.getParentNode().getParentNode().getParentNode();
    assertThat(profile.getTagName()).as("not bound to the default build: in a profile").isEqualTo("profile");
    assertThat(text(profile, "id")).isEqualTo("image");
    assertThat(text(jib, "version")).isEqualTo("3.5.2");
    assertThat(text(jib, "format")).isEqualTo("OCI");
    assertThat(text(jib, "goal")).isEqualTo("buildTar");
    assertThat(text(jib, "user")).isEqualTo(dockerfile().stream().filter(i -> i.keyword().equals("USER"))
        .reduce((a, b) -> b).orElseThrow().args());
    String from = dockerfile().get(0).args();
    assertThat(text((Element) jib.getElementsByTagName("from").item(0), "image")).isEqualTo(from);
    NodeList entry = ((Element) jib.getElementsByTagName("entrypoint").item(0)).getElementsByTagName("arg");
    List<String> argv = new ArrayList<>();
    for (int i = 0; i < entry.getLength(); i++) {
      argv.add(entry.item(i).getTextContent());
    }
    assertThat(argv).containsExactly("/usr/bin/java", "-cp", "@/app/jib-classpath-file", "dev.albc.cli.Main",
        "controller");
    assertThat(Class.forName("dev.albc.cli.Main")).isNotNull();
  }

  @Test
  void theChartsDefaultTagIsTheImageJibBuilds() throws Exception {
    String appVersion = Files.readAllLines(Charts.CHART.resolve("Chart.yaml")).stream()
        .filter(l -> l.startsWith("appVersion:")).findFirst().orElseThrow()
        .replaceAll("appVersion:\\s*\"?([^\"]*)\"?", "$1");
    assertThat(text(pom().getDocumentElement(), "image.name")).isEqualTo("albc:" + appVersion);
    assertThat(text(pom().getDocumentElement(), "version")).startsWith(appVersion);
  }

  static Document pom() throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
  }

  static String finalName() throws Exception {
    return text(pom().getDocumentElement(), "finalName");
  }

  static String text(Element e, String tag) {
    NodeList l = e.getElementsByTagName(tag);
    return l.getLength() == 0 ? "" : l.item(0).getTextContent().strip();
  }
}
