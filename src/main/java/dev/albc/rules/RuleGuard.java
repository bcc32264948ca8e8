package dev.albc.rules;

import dev.albc.rules.api.Phase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Confinement of user rule files. User rules run inside the controller, with its AWS credentials
 * and Kubernetes RBAC, so a rule file may use only the rule API and plain data. Three checks:
 *
 * <ol>
 *   <li><b>Source</b> (before compiling, gives file and line): the file declares its own package
 *       (not the built-in rules' {@code rules}, nor a reserved one), imports only allowed classes,
 *       declares no globals, and its code names no forbidden type or method ({@code System},
 *       {@code Runtime}, {@code Thread}, {@code getClass}, {@code java.io.} …; unicode escapes
 *       are translated first).
 *   <li><b>Bytecode</b> (after compiling, before any of it runs): every class the executable model
 *       generated from user packages is read, and every class, field and method its constant pool
 *       refers to must be on an allow-list: the rule API packages, plain data types of
 *       {@code java.lang}/{@code java.util}, and the parts of the Drools model the generated code
 *       itself needs (with its runtime handles limited to insert, update, delete and the rule's
 *       name). This is the real gate: however the source spells a call (fully qualified, through a
 *       unicode escape, a method reference), the call is in the constant pool.
 *   <li><b>Rules</b> (on the built rule base): every user rule names a phase with
 *       {@code ruleflow-group}, and uses no timer, calendar or effective/expiry date (clocks).
 * </ol>
 *
 * <p>Limits: it does not bound CPU or memory (a consequence can loop forever or allocate without
 * end; the runner's firing limit catches only endless inserts), and it trusts the allowed helper
 * packages ({@code dev.albc.rules.lib}, {@code dev.albc.rules.api}) to be pure. Rule files are code
 * and must be reviewed like code.
 */
public final class RuleGuard {
  private RuleGuard() {}

  /** Where user rule files may not live: the built-in package and packages of the JDK, Drools and albc. */
  static final List<String> RESERVED_PACKAGE_PREFIXES =
      List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "org.drools.", "org.kie.", "org.mvel", "dev.albc.");

  /** Packages whose every class a rule may use (internal names, with the trailing slash). */
  static final List<String> ALLOWED_PACKAGES = List.of(
      "dev/albc/facts/", "dev/albc/rules/api/", "dev/albc/intents/", "dev/albc/rules/lib/",
      "java/util/function/", "java/util/stream/", "java/util/regex/", "java/math/", "java/time/",
      // the executable model's DSL, which generated code calls (not its compiler, "codegen")
      "org/drools/model/", "org/drools/modelcompiler/dsl/", "org/drools/core/base/accumulators/",
      "org/drools/model/functions/");

  /** Packages inside allowed ones that are not allowed. */
  static final List<String> DENIED_SUBPACKAGES = List.of("org/drools/model/codegen/");

  /** Single classes a rule may use (and their nested classes). */
  static final Set<String> ALLOWED_CLASSES = Set.of(
      "java/lang/Object", "java/lang/String", "java/lang/StringBuilder", "java/lang/StringBuffer",
      "java/lang/CharSequence", "java/lang/Integer", "java/lang/Long", "java/lang/Short", "java/lang/Byte",
      "java/lang/Double", "java/lang/Float", "java/lang/Boolean", "java/lang/Character", "java/lang/Number",
      "java/lang/Math", "java/lang/StrictMath", "java/lang/Comparable", "java/lang/Iterable", "java/lang/Enum",
      "java/lang/Record", "java/lang/Void", "java/lang/Throwable", "java/lang/Exception",
      "java/lang/RuntimeException", "java/lang/Error", "java/lang/AssertionError",
      "java/lang/IllegalArgumentException", "java/lang/IllegalStateException", "java/lang/NullPointerException",
      "java/lang/UnsupportedOperationException", "java/lang/IndexOutOfBoundsException",
      "java/lang/ArrayIndexOutOfBoundsException", "java/lang/StringIndexOutOfBoundsException",
      "java/lang/ArithmeticException", "java/lang/NumberFormatException", "java/lang/ClassCastException",
      "java/lang/CloneNotSupportedException",
      // bootstrap methods of lambdas, string concatenation, records and pattern switches
      "java/lang/invoke/LambdaMetafactory", "java/lang/invoke/StringConcatFactory",
      // $deserializeLambda$ of serializable lambdas reads the SerializedLambda it is given
      "java/lang/invoke/SerializedLambda",
      "java/lang/runtime/ObjectMethods", "java/lang/runtime/SwitchBootstraps",
      "java/util/List", "java/util/ArrayList", "java/util/LinkedList", "java/util/Map", "java/util/HashMap",
      "java/util/LinkedHashMap", "java/util/TreeMap", "java/util/SortedMap", "java/util/NavigableMap",
      "java/util/Set", "java/util/HashSet", "java/util/LinkedHashSet", "java/util/TreeSet", "java/util/SortedSet",
      "java/util/NavigableSet", "java/util/Collection", "java/util/Collections", "java/util/Arrays",
      "java/util/Objects", "java/util/Optional", "java/util/OptionalInt", "java/util/OptionalLong",
      "java/util/OptionalDouble", "java/util/Iterator", "java/util/ListIterator", "java/util/Comparator",
      "java/util/AbstractMap", "java/util/StringJoiner", "java/util/Deque", "java/util/ArrayDeque",
      "java/util/Queue", "java/util/PriorityQueue", "java/util/EnumMap", "java/util/EnumSet", "java/util/BitSet",
      "java/util/Base64", "java/util/HexFormat", "java/util/Locale", "java/util/UUID", "java/util/IdentityHashMap",
      "java/util/NoSuchElementException", "java/util/ConcurrentModificationException", "java/util/Spliterator",
      "java/util/Spliterators", "java/nio/charset/StandardCharsets", "java/nio/charset/Charset",
      "org/drools/modelcompiler/util/EvaluationUtil",
      // runtime handles, limited to the members below
      "java/lang/System", "org/drools/util/DateUtils", "org/drools/modelcompiler/consequence/DroolsImpl",
      "org/drools/core/rule/consequence/KnowledgeHelper", "org/drools/base/rule/consequence/ConsequenceContext",
      "org/kie/api/runtime/rule/RuleContext", "org/kie/api/definition/rule/Rule");

  private static final Set<String> CONSEQUENCE_CONTEXT =
      Set.of("insert", "insertLogical", "update", "retract", "delete", "getRule", "getFactHandle");

  /** Owners of which only some members may be used. */
  static final Map<String, Set<String>> ONLY_MEMBERS = Map.of(
      "java/lang/System", Set.of("arraycopy"),
      "org/drools/util/DateUtils", Set.of("getDateFormatMask"),
      "org/drools/modelcompiler/consequence/DroolsImpl", Set.of("asKnowledgeHelper"),
      "org/drools/core/rule/consequence/KnowledgeHelper", CONSEQUENCE_CONTEXT,
      "org/drools/base/rule/consequence/ConsequenceContext", CONSEQUENCE_CONTEXT,
      "org/kie/api/runtime/rule/RuleContext", CONSEQUENCE_CONTEXT,
      "org/drools/model/Drools", Set.of("insert", "update", "delete", "logicalInsert"),
      "org/drools/model/DroolsEntryPoint", Set.of("insert", "update", "delete"),
      "org/kie/api/definition/rule/Rule", Set.of("getName", "getPackageName", "getNamespace", "getId", "getMetaData"));

  /** Member names refused on any owner, with the reason. */
  static final Map<String, String> DENIED_MEMBERS = deniedMembers();

  private static Map<String, String> deniedMembers() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String n : List.of("getClass", "forName", "getDeclaredMethod", "getDeclaredMethods", "getMethod", "getMethods",
        "getDeclaredField", "getDeclaredFields", "getField", "getFields", "getDeclaredConstructor", "newInstance",
        "setAccessible")) {
      m.put(n, "reflection");
    }
    for (String n : List.of("getClassLoader", "getProjectClassLoader")) {
      m.put(n, "class loading");
    }
    for (String n : List.of("wait", "notify", "notifyAll", "parallel", "parallelStream", "parallelSort",
        "parallelSetAll", "parallelPrefix", "insertAsync")) {
      m.put(n, "threads");
    }
    for (String n : List.of("now", "systemDefault", "systemUTC", "random", "randomUUID")) {
      m.put(n, "a clock or randomness (rules must be pure)");
    }
    for (String n : List.of("getInteger", "getLong", "getBoolean", "setDefault", "printStackTrace", "finalize")) {
      m.put(n, "system state");
    }
    for (String n : List.of("getRuntime", "getContext", "getKieRuntime", "getKnowledgeRuntime", "getWorkingMemory",
        "getEntryPoint", "getChannel", "getChannels", "halt", "setFocus")) {
      m.put(n, "the engine's runtime (rules may only insert, update and delete facts)");
    }
    return m;
  }

  /** Types that may not appear at all, with the reason (prefixes end in '/'). */
  static final Map<String, String> DENIED_TYPES = deniedTypes();

  private static Map<String, String> deniedTypes() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String t : List.of("java/lang/Runtime", "java/lang/ProcessBuilder", "java/lang/Process",
        "java/lang/ProcessHandle", "java/lang/SecurityManager", "java/lang/Shutdown")) {
      m.put(t, "system and process access");
    }
    for (String t : List.of("java/lang/reflect/", "java/lang/invoke/", "java/beans/")) {
      m.put(t, "reflection");
    }
    for (String t : List.of("java/lang/Thread", "java/lang/ThreadGroup", "java/lang/ThreadLocal",
        "java/lang/InheritableThreadLocal", "java/lang/VirtualThread", "java/util/concurrent/", "java/util/Timer",
        "java/util/TimerTask")) {
      m.put(t, "threads");
    }
    for (String t : List.of("java/io/", "java/nio/", "java/util/Scanner", "java/util/zip/", "java/util/jar/",
        "java/util/prefs/", "java/util/logging/")) {
      m.put(t, "files and I/O");
    }
    for (String t : List.of("java/net/", "javax/net/", "java/rmi/", "java/sql/", "javax/naming/")) {
      m.put(t, "the network");
    }
    for (String t : List.of("java/lang/ClassLoader", "java/lang/Module", "java/lang/ModuleLayer",
        "java/util/ServiceLoader", "java/lang/instrument/", "java/lang/StackWalker", "java/lang/ref/")) {
      m.put(t, "class loading");
    }
    for (String t : List.of("java/util/Random", "java/time/Clock", "java/time/InstantSource")) {
      m.put(t, "a clock or randomness (rules must be pure)");
    }
    for (String t : List.of("javax/", "jdk/", "sun/", "com/sun/", "java/security/", "java/lang/management/",
        "java/awt/", "software/amazon/", "io/kubernetes/", "okhttp3/", "org/kie/api/runtime/KieRuntime",
        "org/kie/api/runtime/KieSession", "org/kie/api/KieServices", "org/drools/model/codegen/",
        "org/drools/modelcompiler/util/ClassUtil",
        // parts of the allowed Drools model packages that reflect on what they are given
        "org/drools/model/functions/LambdaPrinter", "org/drools/model/functions/IntrospectableLambda",
        "org/drools/model/bitmask/OpenBitSet", "org/drools/model/util/")) {
      m.putIfAbsent(t, "something outside the rule API");
    }
    // a helper of the built-in rules that resolves its input with InetAddress.getByName, which looks
    // up names that are not IP literals in DNS (see RuleGuardTest: albc's helper packages)
    m.put("dev/albc/rules/lib/Cidrs", "the network (it may resolve names in DNS)");
    return m;
  }

  /** Types of java.lang.invoke the compiler itself emits for lambdas and string concatenation. */
  static final Set<String> INVOKE_PLUMBING = Set.of(
      "java/lang/invoke/LambdaMetafactory", "java/lang/invoke/StringConcatFactory", "java/lang/invoke/MethodHandles",
      "java/lang/invoke/MethodHandles$Lookup", "java/lang/invoke/MethodHandle", "java/lang/invoke/MethodType",
      "java/lang/invoke/CallSite", "java/lang/invoke/TypeDescriptor", "java/lang/invoke/SerializedLambda",
      "java/io/Serializable",
      // plain data inside denied packages
      "java/nio/charset/StandardCharsets", "java/nio/charset/Charset");

  /** Names that, written in a rule file's code, are refused before compiling (with the line). */
  static final Map<String, String> FORBIDDEN_NAMES = forbiddenNames();

  private static Map<String, String> forbiddenNames() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String n : List.of("System", "Runtime", "ProcessBuilder", "ProcessHandle")) {
      m.put(n, "system and process access");
    }
    for (String n : List.of("Thread", "ThreadGroup", "Executors", "ExecutorService", "ForkJoinPool",
        "CompletableFuture", "Timer")) {
      m.put(n, "threads");
    }
    for (String n : List.of("File", "Files", "FileInputStream", "FileOutputStream", "FileReader", "FileWriter",
        "RandomAccessFile", "Scanner")) {
      m.put(n, "files and I/O");
    }
    for (String n : List.of("Socket", "ServerSocket", "URL", "URLConnection", "HttpClient", "HttpURLConnection",
        "InetAddress")) {
      m.put(n, "the network");
    }
    for (String n : List.of("ClassLoader", "ServiceLoader")) {
      m.put(n, "class loading");
    }
    for (var e : DENIED_MEMBERS.entrySet()) {
      // "random", "now" … are ordinary words; only names that cannot be innocent are checked here
      if (!List.of("random", "now", "wait", "notify", "finalize", "getField", "getFields", "getMethod",
          "getMethods", "getBoolean", "getLong", "getInteger", "getContext", "getChannel", "getChannels",
          "parallel", "halt", "setDefault").contains(e.getKey())) {
        m.putIfAbsent(e.getKey(), e.getValue());
      }
    }
    return m;
  }

  static final List<String> FORBIDDEN_QUALIFIED = List.of(
      "java.io.", "java.nio.", "java.net.", "java.lang.reflect.", "java.lang.invoke.", "java.util.concurrent.",
      "java.lang.System", "java.lang.Runtime", "java.lang.Thread", "java.lang.Class.", "java.lang.ClassLoader",
      "javax.", "sun.", "jdk.", "com.sun.", "software.amazon.", "io.kubernetes.");

  /** One refusal: the file, a line (0 when unknown), the rule (or null) and what it used. */
  public record Violation(String file, int line, String rule, String what) {
    public String render() {
      return file + (line > 0 ? ":" + line : "") + (rule == null ? "" : " (rule \"" + rule + "\")") + ": " + what;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 1. Source

  /** Checks a user rule file's text. {@code builtinPackages}: packages of the built-in rules. */
  public static List<Violation> checkSource(RuleSource s, Set<String> builtinPackages) {
    DrlText t = new DrlText(s.text());
    List<Violation> out = new ArrayList<>();
    String pkg = t.packageName();
    if (pkg == null) {
      out.add(new Violation(s.name(), 1, null,
          "declares no package; start the file with its own package, e.g. `package house;`"));
    } else if (builtinPackages.contains(pkg)) {
      out.add(new Violation(s.name(), lineOf(t, "package"), null,
          "uses package " + pkg + ", the built-in rules' package; give user rules their own (e.g. `package house;`)"));
    } else {
      for (String r : RESERVED_PACKAGE_PREFIXES) {
        if ((pkg + ".").startsWith(r)) {
          out.add(new Violation(s.name(), lineOf(t, "package"), null,
              "uses package " + pkg + ", which is reserved (" + r + "*); give user rules their own package"));
        }
      }
    }
    for (DrlText.Import i : t.imports()) {
      String why = importRefusal(i);
      if (why != null) {
        out.add(new Violation(s.name(), i.line(), null, why));
      }
    }
    for (DrlText.Import g : t.globals()) {
      out.add(new Violation(s.name(), g.line(), null,
          "declares a global (" + g.target() + "); user rules get no globals: read facts instead"));
    }
    out.addAll(scanNames(s.name(), t));
    return out;
  }

  static int lineOf(DrlText t, String word) {
    Matcher m = Pattern.compile("\\b" + Pattern.quote(word) + "\\b").matcher(t.code());
    return m.find() ? t.lineOf(m.start()) : 0;
  }

  /** Why an import is refused, or null. */
  static String importRefusal(DrlText.Import i) {
    String target = i.target();
    switch (i.kind()) {
      case "accumulate" -> {
        return "imports an accumulate function (" + target + "); use the built-in ones (count, sum, collectList …)";
      }
      case "static", "function" -> {
        String owner = target.endsWith(".*") ? target.substring(0, target.length() - 2)
            : target.substring(0, Math.max(0, target.lastIndexOf('.')));
        String member = target.substring(target.lastIndexOf('.') + 1);
        if (!classAllowed(internalName(owner)) || DENIED_MEMBERS.containsKey(member)
            || ONLY_MEMBERS.containsKey(internalName(owner)) && !"*".equals(member)
                && !ONLY_MEMBERS.get(internalName(owner)).contains(member)) {
          return "imports " + target + ", which is outside the rule API and plain data types";
        }
        return null;
      }
      default -> {
        if (target.endsWith(".*")) {
          String pkg = target.substring(0, target.length() - 2).replace('.', '/') + "/";
          if (packageAllowed(pkg) || pkg.equals("java/util/") || pkg.equals("java/lang/")
              || classAllowed(internalName(target.substring(0, target.length() - 2)))) {
            return null;
          }
          return "imports " + target + ", which is outside the rule API and plain data types";
        }
        String internal = internalName(target);
        if (classAllowed(internal) && !ONLY_MEMBERS.containsKey(topLevel(internal))) {
          return null;
        }
        return "imports " + target + ", which is outside the rule API and plain data types"
            + reasonSuffix(typeRefusal(internal));
      }
    }
  }

  static String reasonSuffix(String reason) {
    return reason == null ? "" : " (" + reason + ")";
  }

  /** {@code java.util.Map.Entry} → {@code java/util/Map$Entry} (classes start with a capital). */
  static String internalName(String dotted) {
    String[] parts = dotted.split("\\.");
    StringBuilder s = new StringBuilder();
    boolean inClass = false;
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        s.append(inClass ? '$' : '/');
      }
      s.append(parts[i]);
      if (!parts[i].isEmpty() && Character.isUpperCase(parts[i].charAt(0))) {
        inClass = true;
      }
    }
    return s.toString();
  }

  private static final Pattern QUALIFIED =
      Pattern.compile("[A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*");

  static List<Violation> scanNames(String file, DrlText t) {
    List<Violation> out = new ArrayList<>();
    String code = t.code();
    Matcher m = QUALIFIED.matcher(code);
    Set<String> seen = new LinkedHashSet<>();
    while (m.find()) {
      if (m.start() > 0 && (Character.isJavaIdentifierPart(code.charAt(m.start() - 1)))) {
        continue;
      }
      String name = m.group().replaceAll("\\s+", "");
      int line = t.lineOf(m.start());
      if (isImportOrPackageLine(t.line(line))) {
        continue;
      }
      String what = null;
      for (String q : FORBIDDEN_QUALIFIED) {
        if ((name + ".").startsWith(q) || name.startsWith(q)) {
          String reason = typeReason(q);
          what = "uses " + name + (reason == null ? "" : " — " + reason);
          break;
        }
      }
      if (what == null) {
        for (String part : name.split("\\.")) {
          String reason = FORBIDDEN_NAMES.get(part);
          if (reason != null) {
            what = "uses " + part + (name.equals(part) ? "" : " (in " + name + ")") + " — " + reason;
            break;
          }
        }
      }
      if (what != null && seen.add(line + what)) {
        out.add(new Violation(file, line, t.ruleAt(line), what));
      }
    }
    return out;
  }

  static boolean isImportOrPackageLine(String line) {
    String s = line.strip();
    return s.startsWith("import ") || s.startsWith("package ");
  }

  static String typeReason(String qualifiedPrefix) {
    String internal = qualifiedPrefix.replace('.', '/');
    for (var e : DENIED_TYPES.entrySet()) {
      if (internal.startsWith(e.getKey()) || e.getKey().startsWith(internal)) {
        return e.getValue();
      }
    }
    if (internal.startsWith("java/lang/System")) {
      return "system and process access";
    }
    if (internal.startsWith("java/lang/Class")) {
      return "reflection";
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // 2. Bytecode

  static boolean packageAllowed(String internalPackageWithSlash) {
    for (String d : DENIED_SUBPACKAGES) {
      if (internalPackageWithSlash.startsWith(d)) {
        return false;
      }
    }
    for (String p : ALLOWED_PACKAGES) {
      if (internalPackageWithSlash.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  static String topLevel(String internal) {
    int d = internal.indexOf('$');
    return d < 0 ? internal : internal.substring(0, d);
  }

  /** True when a class may be used at all (members may still be limited). */
  static boolean classAllowed(String internal) {
    if (internal == null || internal.isEmpty()) {
      return true;
    }
    if (typeRefusal(internal) != null) {
      return false;
    }
    String top = topLevel(internal);
    if (ALLOWED_CLASSES.contains(top)) {
      return true;
    }
    int slash = internal.lastIndexOf('/');
    return slash > 0 && packageAllowed(internal.substring(0, slash + 1));
  }

  /** Why a type may not appear at all, or null. */
  static String typeRefusal(String internal) {
    if (internal == null || INVOKE_PLUMBING.contains(internal)) {
      return null;
    }
    for (var e : DENIED_TYPES.entrySet()) {
      String k = e.getKey();
      if (k.endsWith("/") ? internal.startsWith(k) : internal.equals(k) || internal.startsWith(k + "$")) {
        return e.getValue();
      }
    }
    if (internal.startsWith("dev/albc/") && !packageAllowed(internal.substring(0, internal.lastIndexOf('/') + 1))) {
      return "albc's own internals (only the rule API packages are allowed)";
    }
    return null;
  }

  /**
   * Checks the classes generated from user rule packages. {@code generated}: class file name
   * ({@code house/Rules…class}) → bytes, for every class of the module; {@code ownClasses}: internal
   * names of every class of the module (calls between generated classes are allowed);
   * {@code filesByPackage}: user package → the files that declare it.
   */
  static List<Violation> checkClasses(
      Map<String, byte[]> generated, Map<String, List<String>> filesByPackage, Set<String> builtinPackages) {
    Set<String> own = new TreeSet<>();
    for (String f : generated.keySet()) {
      own.add(f.substring(0, f.length() - ".class".length()));
    }
    Map<String, Set<String>> problems = new TreeMap<>();
    for (var e : new TreeMap<>(generated).entrySet()) {
      String cls = e.getKey().substring(0, e.getKey().length() - ".class".length());
      String pkg = packageOf(cls);
      if (belongsTo(pkg, builtinPackages) != null || cls.startsWith("org/drools/project/model/ProjectModel")) {
        continue;
      }
      String userPkg = belongsTo(pkg, filesByPackage.keySet());
      String files = userPkg == null ? "(generated class " + cls + ")"
          : filesByPackage.get(userPkg).size() == 1 ? filesByPackage.get(userPkg).get(0)
          : "package " + userPkg + " (one of " + String.join(", ", filesByPackage.get(userPkg)) + ")";
      for (String what : refusals(ClassRefs.read(e.getValue()), own)) {
        problems.computeIfAbsent(files, k -> new LinkedHashSet<>()).add(what);
      }
    }
    List<Violation> out = new ArrayList<>();
    for (var e : problems.entrySet()) {
      for (String what : e.getValue()) {
        out.add(new Violation(e.getKey(), 0, null, what + " (found in the compiled rules)"));
      }
    }
    return out;
  }

  /** The user or built-in package a generated class package belongs to ({@code house}, {@code house.PAB}). */
  static String belongsTo(String classPackage, Collection<String> packages) {
    String best = null;
    for (String p : packages) {
      String ip = p.replace('.', '/');
      if (classPackage.equals(ip) || classPackage.matches(Pattern.quote(ip) + "/P[0-9A-F]{2}")) {
        if (best == null || p.length() > best.length()) {
          best = p;
        }
      }
    }
    return best;
  }

  static String packageOf(String internal) {
    int slash = internal.lastIndexOf('/');
    return slash < 0 ? "" : internal.substring(0, slash);
  }

  /** What one class uses that it may not (a type named by a refused call is not repeated). */
  static Set<String> refusals(ClassRefs c, Set<String> own) {
    Set<String> out = new LinkedHashSet<>();
    Set<String> covered = new LinkedHashSet<>();
    for (ClassRefs.Member m : c.members()) {
      if (own.contains(m.owner())) {
        continue;
      }
      String why = memberRefusal(m);
      if (why != null) {
        out.add(describe(m) + " — " + why);
        covered.add(m.owner());
        covered.addAll(ClassRefs.typesIn(m.descriptor()));
      }
    }
    Set<String> types = new LinkedHashSet<>(c.classes());
    types.addAll(c.descriptorTypes());
    for (String t : types) {
      if (!own.contains(t) && !covered.contains(t)) {
        String why = typeRefusal(t);
        if (why != null) {
          out.add("uses " + t.replace('/', '.').replace('$', '.') + " — " + why);
        }
      }
    }
    return out;
  }

  static String describe(ClassRefs.Member m) {
    String owner = m.owner().replace('/', '.').replace('$', '.');
    if (m.name().equals("<init>")) {
      return "creates " + owner;
    }
    return m.kind().equals("field") ? "reads " + owner + "." + m.name() : "calls " + owner + "." + m.name() + "()";
  }

  /** Members of allowed classes that reach something refused (owner.name → reason). */
  static final Map<String, String> DENIED_OWNER_MEMBERS = Map.of(
      "dev/albc/rules/lib/SecurityGroups.cidrs", "the network (it may resolve names in DNS, through Cidrs)");

  /** Why a member reference is refused, or null. */
  static String memberRefusal(ClassRefs.Member m) {
    String owner = m.owner();
    if (owner == null || owner.isEmpty()) {
      return null;
    }
    String ownerMember = DENIED_OWNER_MEMBERS.get(owner + "." + m.name());
    if (ownerMember != null) {
      return ownerMember;
    }
    String typeWhy = typeRefusal(owner);
    if (typeWhy != null) {
      return typeWhy;
    }
    String denied = DENIED_MEMBERS.get(m.name());
    if (denied != null) {
      return denied;
    }
    for (String t : ClassRefs.typesIn(m.descriptor())) {
      String w = typeRefusal(t);
      if (w != null) {
        return w;
      }
    }
    if (!classAllowed(owner)) {
      if (owner.equals("java/lang/Class") || owner.startsWith("java/lang/invoke/")) {
        return "reflection";
      }
      return "outside the rule API and plain data types";
    }
    Set<String> only = ONLY_MEMBERS.get(topLevel(owner));
    if (only != null && !only.contains(m.name())) {
      String top = topLevel(owner);
      if (top.equals("java/lang/System")) {
        return "system and process access";
      }
      return top.startsWith("org/") ? "the engine's runtime (rules may only insert, update and delete facts)"
          : "outside the rule API and plain data types";
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // 3. Rules

  /** Every user rule in a phase, with no timer, calendar or date attributes. */
  static List<Violation> checkRules(KieBase kieBase, RuleIndex index) {
    List<Violation> out = new ArrayList<>();
    for (KiePackage p : kieBase.getKiePackages()) {
      for (Rule r : p.getRules()) {
        RuleIndex.Location loc = index.locate(r.getPackageName(), r.getName());
        if (loc == null || loc.builtin()) {
          continue;
        }
        if (!(r instanceof RuleImpl ri)) {
          continue;
        }
        String group = ri.getRuleFlowGroup();
        if (group == null || group.isEmpty() || !Phase.ORDER.contains(group)) {
          out.add(new Violation(loc.file(), loc.line(), r.getName(),
              (group == null || group.isEmpty() ? "names no phase" : "names an unknown phase \"" + group + "\"")
                  + "; add ruleflow-group \"<phase>\" with one of " + String.join(", ", Phase.ORDER)));
        }
        if (ri.getTimer() != null) {
          out.add(new Violation(loc.file(), loc.line(), r.getName(), "uses a timer — a clock (rules must be pure)"));
        }
        if (ri.getCalendars() != null && ri.getCalendars().length > 0) {
          out.add(new Violation(loc.file(), loc.line(), r.getName(), "uses calendars — a clock (rules must be pure)"));
        }
        if (ri.getDateEffective() != null || ri.getDateExpires() != null) {
          out.add(new Violation(loc.file(), loc.line(), r.getName(),
              "uses date-effective/date-expires — a clock (rules must be pure)"));
        }
        if (ri.getAgendaGroup() != null && !ri.getAgendaGroup().equals("MAIN") && !ri.getAgendaGroup().equals(group)) {
          out.add(new Violation(loc.file(), loc.line(), r.getName(),
              "uses agenda-group; name the phase with ruleflow-group instead"));
        }
      }
    }
    return out;
  }

  /** The policy in a few lines, for error messages. */
  public static final String POLICY =
      "rule files may use the rule API (dev.albc.facts, dev.albc.rules.api, dev.albc.intents, dev.albc.rules.lib), "
          + "plain data types (String, numbers, Math, java.util collections, java.util.regex/function/stream, "
          + "java.math, java.time without clocks) and drools.insert/update/delete/getRule; see docs/rule-authoring.md";
}
