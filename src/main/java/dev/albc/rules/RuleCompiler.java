package dev.albc.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles DRL into a {@link RuleSet} with Drools' executable model. The built-in rules are
 * compiled at build time ({@link #main}) into a module the jar carries, so a plain {@code plan}
 * loads them without compiling; user rules are compiled at run time together with the built-in DRL.
 */
public final class RuleCompiler {
  /** Where the build puts the precompiled built-in module on the classpath. */
  public static final String BUILTIN_MODULE = "albc/builtin-rules.kjar";

  /** The list of built-in DRL files on the classpath (written at build time). */
  public static final String BUILTIN_INDEX = "rules/builtin-rules.list";

  private static final String KMODULE_XML =
      "<kmodule xmlns=\"http://www.drools.org/xsd/kmodule\"/>";

  private static final AtomicLong GENERATION = new AtomicLong();

  private RuleCompiler() {}

  /** Built-in DRL sources, read from the classpath. */
  public static List<RuleSource> builtinSources() {
    ClassLoader cl = RuleCompiler.class.getClassLoader();
    try (InputStream index = cl.getResourceAsStream(BUILTIN_INDEX)) {
      if (index == null) {
        throw new IllegalStateException(
            "built-in rule index " + BUILTIN_INDEX + " is missing from the classpath; rebuild albc");
      }
      List<RuleSource> out = new ArrayList<>();
      for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String name = line.strip();
        if (name.isEmpty()) {
          continue;
        }
        try (InputStream in = cl.getResourceAsStream("rules/" + name)) {
          if (in == null) {
            throw new IllegalStateException("built-in rule file rules/" + name + " is missing");
          }
          out.add(new RuleSource("rules/" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8), true));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Compiles the given sources together into a new rule set (seconds: call off hot paths). User
   * sources ({@link RuleSource#builtin()} false) are confined by {@link RuleGuard}: checked as text
   * before compiling and as bytecode after, before any of their code runs. See
   * {@link #compileWithBuiltin} for the faster way to add user rules to the built-in ones.
   *
   * @throws RuleCompileException when a file does not compile (each problem names file and line)
   * @throws RuleRefusedException when a user file reaches beyond the rule API
   */
  public static RuleSet compile(List<RuleSource> sources) {
    return compile(sources, true);
  }

  /** As {@link #compile(List)}; tests turn the source check off to exercise the bytecode check alone. */
  static RuleSet compile(List<RuleSource> sources, boolean sourceCheck) {
    RuleIndex index = new RuleIndex(sources);
    KieBase kieBase = buildChecked(sources, index, index.builtinPackages(), sourceCheck);
    return new RuleSet(kieBase, names(sources), "gen-" + GENERATION.get(), index);
  }

  /**
   * The built-in rules plus user rules: the user files are compiled alone (their rules see the
   * same fact types and phases, which are Java classes and ruleflow-group names) and their packages
   * are added to a fresh copy of the precompiled built-in rule base. A few hundred milliseconds
   * for a few user rules, where compiling the built-in DRL again takes seconds; falls back to
   * compiling everything together if the rule base refuses the packages.
   */
  public static RuleSet compileWithBuiltin(List<RuleSource> user) {
    List<RuleSource> builtin = builtinSources();
    List<RuleSource> all = new ArrayList<>(builtin);
    all.addAll(user);
    RuleIndex index = new RuleIndex(all);
    KieBase userBase = buildChecked(user, index, index.builtinPackages(), true);
    RuleSet base = loadBuiltin();
    try {
      ((InternalKnowledgeBase) base.kieBase()).addPackages(new ArrayList<>(userBase.getKiePackages()));
    } catch (RuntimeException | LinkageError e) {
      return compile(all);
    }
    return new RuleSet(base.kieBase(), names(all), "builtin+gen-" + GENERATION.get(), index);
  }

  /**
   * Checks (user sources), compiles, checks the generated classes, builds the rule base, checks
   * its rules. {@code index} covers at least {@code sources} (for locations and packages).
   */
  private static KieBase buildChecked(
      List<RuleSource> sources, RuleIndex index, Set<String> builtinPackages, boolean sourceCheck) {
    List<String> refused = new ArrayList<>();
    boolean hasUser = false;
    for (RuleSource s : sources) {
      if (!s.builtin()) {
        hasUser = true;
        if (sourceCheck) {
          RuleGuard.checkSource(s, builtinPackages).forEach(v -> refused.add(v.render()));
        }
      }
    }
    if (!refused.isEmpty()) {
      throw new RuleRefusedException(refused);
    }
    KieServices ks = KieServices.get();
    ReleaseId releaseId = nextReleaseId(ks);
    InternalKieModule module = build(ks, releaseId, sources, new RuleIndex(sources));
    try {
      if (hasUser) {
        Map<String, byte[]> classes = new HashMap<>();
        for (String f : module.getFileNames()) {
          if (f.endsWith(".class")) {
            classes.put(f, module.getBytes(f));
          }
        }
        BytecodeGuard.checkClasses(classes, index, builtinPackages)
            .forEach(v -> refused.add(v.render()));
        if (!refused.isEmpty()) {
          throw new RuleRefusedException(refused);
        }
      }
      KieContainer container = ks.newKieContainer(releaseId);
      KieBase kieBase = container.getKieBase();
      if (hasUser) {
        RuleGuard.checkRules(kieBase, index).forEach(v -> refused.add(v.render()));
        if (!refused.isEmpty()) {
          container.dispose();
          throw new RuleRefusedException(refused);
        }
      }
      return kieBase;
    } finally {
      ks.getRepository().removeKieModule(releaseId);
    }
  }

  private static byte[] builtinModule;

  private static synchronized byte[] builtinModuleBytes() throws IOException {
    if (builtinModule == null) {
      try (InputStream in = RuleCompiler.class.getClassLoader().getResourceAsStream(BUILTIN_MODULE)) {
        if (in == null) {
          throw new IllegalStateException(
              "precompiled built-in rules " + BUILTIN_MODULE + " are missing; rebuild albc (mvn package)");
        }
        builtinModule = in.readAllBytes();
      }
    }
    return builtinModule;
  }

  /** Loads the built-in rules precompiled at build time (a new rule base on every call). */
  public static synchronized RuleSet loadBuiltin() {
    try {
      byte[] bytes = builtinModuleBytes();
      KieServices ks = KieServices.get();
      var module = ks.getRepository().addKieModule(ks.getResources().newByteArrayResource(bytes));
      ReleaseId releaseId = module.getReleaseId();
      try {
        KieContainer container = ks.newKieContainer(releaseId);
        List<RuleSource> sources = builtinSources();
        return new RuleSet(
            container.getKieBase(), names(sources), "builtin", new RuleIndex(sources));
      } finally {
        ks.getRepository().removeKieModule(releaseId);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InternalKieModule build(
      KieServices ks, ReleaseId releaseId, List<RuleSource> sources, RuleIndex index) {
    KieFileSystem kfs = ks.newKieFileSystem();
    kfs.generateAndWritePomXML(releaseId);
    kfs.writeKModuleXML(KMODULE_XML);
    for (int i = 0; i < sources.size(); i++) {
      RuleSource s = sources.get(i);
      kfs.write(pathFor(s, i), s.text());
    }
    KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
    List<String> problems =
        CompileProblems.describe(builder.getResults().getMessages(Message.Level.ERROR), sources, index);
    if (!problems.isEmpty()) {
      throw new RuleCompileException(problems);
    }
    return (InternalKieModule) builder.getKieModule();
  }

  /** Every source gets a unique path so messages can be traced back to it. */
  static String pathFor(RuleSource s, int index) {
    String base = Path.of(s.name()).getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "_");
    return "src/main/resources/rules/s" + index + "/" + base;
  }

  private static List<String> names(List<RuleSource> sources) {
    return sources.stream().map(RuleSource::name).toList();
  }

  private static ReleaseId nextReleaseId(KieServices ks) {
    return ks.newReleaseId("dev.albc.rules", "albc-rules", "gen-" + GENERATION.incrementAndGet());
  }

  /**
   * Build-time entry point: compiles the DRL files of a folder and writes the module's bytes and an
   * index of the files. Arguments: the rules folder, the output classes folder.
   */
  public static void main(String[] args) throws IOException {
    Path rulesDir = Path.of(args[0]);
    Path classes = Path.of(args[1]);
    List<Path> files;
    try (Stream<Path> s = Files.list(rulesDir)) {
      files = s.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
    }
    List<RuleSource> sources = new ArrayList<>();
    for (Path f : files) {
      sources.add(new RuleSource("rules/" + f.getFileName(), Files.readString(f), true));
    }
    KieServices ks = KieServices.get();
    ReleaseId releaseId = ks.newReleaseId("dev.albc.rules", "albc-builtin-rules", "1");
    InternalKieModule module = build(ks, releaseId, sources, new RuleIndex(sources));
    byte[] bytes = module.getBytes();
    Path out = classes.resolve(BUILTIN_MODULE);
    Files.createDirectories(out.getParent());
    Files.write(out, bytes);
    StringBuilder index = new StringBuilder();
    for (Path f : files) {
      index.append(f.getFileName()).append('\n');
    }
    Path idx = classes.resolve(BUILTIN_INDEX);
    Files.createDirectories(idx.getParent());
    Files.writeString(idx, index.toString());
    System.out.println("albc: compiled " + files.size() + " built-in rule files into " + out
        + " (" + bytes.length + " bytes)");
  }
}
