package dev.albc.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The bytecode check of {@link RuleGuard}: every class the executable model generated from user
 * packages is read ({@link ClassRefs}), and every class, field and method its constant pool refers
 * to must be allowed by {@link GuardPolicy}. This is the real gate: however the source spells a
 * call, the call is in the constant pool.
 */
final class BytecodeGuard {
  private BytecodeGuard() {}

  static boolean packageAllowed(String internalPackageWithSlash) {
    for (String d : GuardPolicy.DENIED_SUBPACKAGES) {
      if (internalPackageWithSlash.startsWith(d)) {
        return false;
      }
    }
    for (String p : GuardPolicy.ALLOWED_PACKAGES) {
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
    if (GuardPolicy.ALLOWED_CLASSES.contains(top)) {
      return true;
    }
    int slash = internal.lastIndexOf('/');
    return slash > 0 && packageAllowed(internal.substring(0, slash + 1));
  }

  /** Why a type may not appear at all, or null. */
  static String typeRefusal(String internal) {
    if (internal == null || GuardPolicy.INVOKE_PLUMBING.contains(internal)
        || GuardPolicy.ALLOWED_CLASSES.contains(topLevel(internal))) {
      return null; // a class allowed by name wins over a denied package (java/security/MessageDigest)
    }
    for (var e : GuardPolicy.DENIED_TYPES.entrySet()) {
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
   * {@code index}: the sources, for user package → the files that declare it, and the names of
   * rules and functions. Code that cannot end is refused too ({@link LoopCheck}).
   */
  static List<RuleGuard.Violation> checkClasses(
      Map<String, byte[]> generated, RuleIndex index, Set<String> builtinPackages) {
    Map<String, List<String>> filesByPackage = index.userFilesByPackage();
    Map<String, ClassRefs> userClasses = new TreeMap<>();
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
      ClassRefs refs = ClassRefs.read(e.getValue());
      userClasses.put(cls, refs);
      for (String what : refusals(refs, own)) {
        problems.computeIfAbsent(files, k -> new LinkedHashSet<>()).add(what);
      }
    }
    List<RuleGuard.Violation> out = new ArrayList<>();
    for (var e : problems.entrySet()) {
      for (String what : e.getValue()) {
        out.add(new RuleGuard.Violation(e.getKey(), 0, null, what + " (found in the compiled rules)"));
      }
    }
    out.addAll(LoopCheck.check(userClasses, index));
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
    String denied = GuardPolicy.DENIED_MEMBERS.get(m.name());
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
    Set<String> only = GuardPolicy.ONLY_MEMBERS.get(topLevel(owner));
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
}
