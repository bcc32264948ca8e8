package dev.albc.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What user rule files may use, as {@link RuleGuard} checks it: the allowed and reserved packages,
 * classes and members, the denied types and members with the reason each is refused, and the names
 * refused in a rule file's source (docs/rule-authoring.md describes the policy).
 */
final class GuardPolicy {
  private GuardPolicy() {}

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
      "java/lang/Object", "java/lang/String",
      // hashing only (intents/SecretRef hashes an OIDC client secret: docs/plan-format.md#secrets)
      "java/security/MessageDigest", "java/security/NoSuchAlgorithmException", "java/lang/StringBuilder", "java/lang/StringBuffer",
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
}
