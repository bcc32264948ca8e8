package dev.albc.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part of the bytecode check of {@link RuleGuard}: user rule code that cannot end is refused when
 * the rules are loaded, because Java cannot stop a thread stuck in it (docs/limits.md). Two things
 * are found in the classes compiled from user packages:
 *
 * <ul>
 *   <li><b>Recursion</b>: a function that calls itself, directly or through other functions or
 *       lambdas of the same rule files (a cycle in the call graph between the generated methods).
 *       Its depth depends on the data, so it is refused; a loop over the data does the same.
 *   <li><b>A loop with no way out</b>: a cycle of instructions from which no branch leads out and
 *       which holds no {@code return} and no {@code throw} ({@code while (true) { … }} without
 *       {@code break}): a strongly connected part of the method's control flow with no exit.
 *       Exceptions that a called method might throw are not counted as a way out, but a
 *       {@code catch} inside the loop that breaks out of it is.
 * </ul>
 *
 * <p>A loop whose condition can never turn false ({@code while (i >= 0) i++;} with a branch that
 * looks like an exit) is not seen here; the time budget of the rule session stops it.
 */
final class LoopCheck {
  private LoopCheck() {}

  /**
   * Checks the user classes. {@code classes}: internal name → the class, for every class generated
   * from user packages; {@code index}: the rules and sources, to name rules and functions.
   */
  static List<RuleGuard.Violation> check(Map<String, ClassRefs> classes, RuleIndex index) {
    Naming naming = new Naming(classes, index);
    Map<String, RuleGuard.Violation> out = new LinkedHashMap<>();
    for (ClassRefs c : new TreeMap<>(classes).values()) {
      for (ClassRefs.Method m : c.methods()) {
        if (m.code().length > 0 && hasEndlessLoop(m)) {
          Naming.Where w = naming.of(c.name(), m);
          RuleGuard.Violation v = w.violation("has a loop that cannot end: no break, return or throw leads out of it"
              + " (as in while (true) { … } without break); loop over the facts' data or give the loop an exit");
          out.putIfAbsent(v.render(), v);
        }
      }
    }
    for (List<MethodId> cycle : recursion(classes)) {
      MethodId first = cycle.get(0);
      Naming.Where w = naming.of(first.owner(), first.method());
      List<String> path = new ArrayList<>(); // a lambda is named after the function or rule that holds it
      for (MethodId id : cycle) {
        String label = naming.of(id.owner(), id.method()).label();
        if (!path.contains(label)) {
          path.add(label);
        }
      }
      path.add(path.get(0));
      String how = path.size() <= 2 ? "calls itself" : "calls itself through " + String.join(" → ", path);
      RuleGuard.Violation v = w.violation(how + "; recursion is refused in rule files (its depth depends on the data"
          + " and overflows the stack): loop over the data instead");
      out.putIfAbsent(v.render(), v);
    }
    return List.copyOf(out.values());
  }

  // ---------------------------------------------------------------------------------------------
  // Recursion: cycles of the call graph between the generated methods

  record MethodId(String owner, ClassRefs.Method method) {
    String key() {
      return owner + "." + method.name() + method.descriptor();
    }
  }

  /** The cycles of the call graph (one list per strongly connected group that calls itself). */
  static List<List<MethodId>> recursion(Map<String, ClassRefs> classes) {
    List<MethodId> nodes = new ArrayList<>();
    Map<String, Integer> byKey = new HashMap<>();
    for (ClassRefs c : new TreeMap<>(classes).values()) {
      for (ClassRefs.Method m : c.methods()) {
        MethodId id = new MethodId(c.name(), m);
        byKey.put(id.key(), nodes.size());
        nodes.add(id);
      }
    }
    int[][] succ = new int[nodes.size()][];
    for (int i = 0; i < nodes.size(); i++) {
      MethodId id = nodes.get(i);
      Set<Integer> to = new LinkedHashSet<>();
      for (ClassRefs.Member callee : calls(classes.get(id.owner()), id.method())) {
        Integer j = byKey.get(callee.owner() + "." + callee.name() + callee.descriptor());
        if (j != null) {
          to.add(j);
        }
      }
      succ[i] = to.stream().mapToInt(Integer::intValue).toArray();
    }
    int[] all = new int[nodes.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    List<List<MethodId>> out = new ArrayList<>();
    for (int[] scc : components(succ, all)) {
      if (scc.length > 1 || contains(succ[scc[0]], scc[0])) {
        List<MethodId> cycle = new ArrayList<>();
        for (int n : scc) {
          cycle.add(nodes.get(n));
        }
        cycle.sort((x, y) -> x.key().compareTo(y.key()));
        out.add(cycle);
      }
    }
    return out;
  }

  /** The methods a method's code calls, or names as the body of a lambda. */
  static List<ClassRefs.Member> calls(ClassRefs c, ClassRefs.Method m) {
    List<ClassRefs.Member> out = new ArrayList<>();
    byte[] code = m.code();
    for (int pc = 0; pc < code.length; pc += length(code, pc)) {
      int op = code[pc] & 0xff;
      if (op >= 0xb6 && op <= 0xb9) {
        ClassRefs.Member callee = c.refs().get(u2(code, pc + 1));
        if (callee != null) {
          out.add(callee);
        }
      } else if (op == 0xba) {
        out.addAll(c.dynamicTargets().getOrDefault(u2(code, pc + 1), List.of()));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Loops with no way out: a strongly connected part of the control flow with no exit

  /** True when the method has a cycle of instructions that nothing leads out of. */
  static boolean hasEndlessLoop(ClassRefs.Method m) {
    byte[] code = m.code();
    int[] index = new int[code.length];
    List<Integer> starts = new ArrayList<>();
    for (int pc = 0; pc < code.length; pc += length(code, pc)) {
      index[pc] = starts.size();
      starts.add(pc);
    }
    int n = starts.size();
    int[][] normal = new int[n][];
    int[][] withExceptions = new int[n][];
    boolean[] leaves = new boolean[n];
    for (int i = 0; i < n; i++) {
      int pc = starts.get(i);
      int op = code[pc] & 0xff;
      leaves[i] = op >= 0xac && op <= 0xb1 || op == 0xbf || op == 0xa9; // return, throw, ret
      List<Integer> to = new ArrayList<>();
      for (int target : successors(code, pc)) {
        if (target >= 0 && target < code.length) {
          to.add(index[target]);
        }
      }
      normal[i] = to.stream().mapToInt(Integer::intValue).toArray();
      if (mayThrow(op)) {
        for (ClassRefs.Handler h : m.handlers()) {
          if (pc >= h.start() && pc < h.end() && h.handler() < code.length) {
            to.add(index[h.handler()]);
          }
        }
      }
      withExceptions[i] = to.stream().mapToInt(Integer::intValue).toArray();
    }
    for (int[] scc : components(withExceptions, new int[] {0})) {
      if (scc.length == 1 && !contains(withExceptions[scc[0]], scc[0])) {
        continue;
      }
      BitSet in = new BitSet(n);
      for (int i : scc) {
        in.set(i);
      }
      boolean exit = false;
      for (int i : scc) {
        if (leaves[i]) {
          exit = true;
        }
        for (int j : normal[i]) {
          if (!in.get(j)) {
            exit = true;
          }
        }
      }
      if (!exit) {
        return true;
      }
    }
    return false;
  }

  /** Where control may go after the instruction at pc (not counting exceptions). */
  static int[] successors(byte[] code, int pc) {
    int op = code[pc] & 0xff;
    int next = pc + length(code, pc);
    if (op >= 0x99 && op <= 0xa6 || op == 0xc6 || op == 0xc7) {
      return new int[] {next, pc + (short) u2(code, pc + 1)};
    }
    if (op == 0xa7) {
      return new int[] {pc + (short) u2(code, pc + 1)};
    }
    if (op == 0xc8) {
      return new int[] {pc + s4(code, pc + 1)};
    }
    if (op == 0xa8) {
      return new int[] {next, pc + (short) u2(code, pc + 1)};
    }
    if (op == 0xc9) {
      return new int[] {next, pc + s4(code, pc + 1)};
    }
    if (op == 0xaa || op == 0xab) {
      int base = pc + 1 + pad(pc);
      List<Integer> to = new ArrayList<>();
      to.add(pc + s4(code, base));
      if (op == 0xaa) {
        int cases = s4(code, base + 8) - s4(code, base + 4) + 1;
        for (int k = 0; k < cases; k++) {
          to.add(pc + s4(code, base + 12 + 4 * k));
        }
      } else {
        int pairs = s4(code, base + 4);
        for (int k = 0; k < pairs; k++) {
          to.add(pc + s4(code, base + 12 + 8 * k));
        }
      }
      return to.stream().mapToInt(Integer::intValue).toArray();
    }
    if (op >= 0xac && op <= 0xb1 || op == 0xbf || op == 0xa9) {
      return new int[0];
    }
    return new int[] {next};
  }

  /** Instructions that may throw (calls, allocation, field and array access, division, casts, throw). */
  static boolean mayThrow(int op) {
    return op >= 0x2e && op <= 0x35 || op >= 0x4f && op <= 0x56 || op == 0x6c || op == 0x6d || op == 0x70
        || op == 0x71 || op >= 0xb2 && op <= 0xbf || op == 0xc0 || op == 0xc2 || op == 0xc3 || op == 0xc5;
  }

  /** The length of the instruction at pc (JVMS §6.5). */
  static int length(byte[] code, int pc) {
    int op = code[pc] & 0xff;
    if (op == 0xaa) {
      int base = pc + 1 + pad(pc);
      return 1 + pad(pc) + 12 + 4 * (s4(code, base + 8) - s4(code, base + 4) + 1);
    }
    if (op == 0xab) {
      int base = pc + 1 + pad(pc);
      return 1 + pad(pc) + 8 + 8 * s4(code, base + 4);
    }
    if (op == 0xc4) {
      return (code[pc + 1] & 0xff) == 0x84 ? 6 : 4;
    }
    return LENGTHS[op];
  }

  private static final int[] LENGTHS = lengths();

  private static int[] lengths() {
    int[] l = new int[256];
    java.util.Arrays.fill(l, 1);
    l[0x10] = 2; // bipush
    l[0x11] = 3; // sipush
    l[0x12] = 2; // ldc
    l[0x13] = 3;
    l[0x14] = 3;
    for (int op = 0x15; op <= 0x19; op++) {
      l[op] = 2; // loads with an index
    }
    for (int op = 0x36; op <= 0x3a; op++) {
      l[op] = 2; // stores with an index
    }
    l[0x84] = 3; // iinc
    for (int op = 0x99; op <= 0xa8; op++) {
      l[op] = 3; // if*, goto, jsr
    }
    l[0xa9] = 2; // ret
    for (int op = 0xb2; op <= 0xb8; op++) {
      l[op] = 3; // fields, invokevirtual/special/static
    }
    l[0xb9] = 5; // invokeinterface
    l[0xba] = 5; // invokedynamic
    l[0xbb] = 3; // new
    l[0xbc] = 2; // newarray
    l[0xbd] = 3; // anewarray
    l[0xc0] = 3; // checkcast
    l[0xc1] = 3; // instanceof
    l[0xc5] = 4; // multianewarray
    l[0xc6] = 3; // ifnull
    l[0xc7] = 3; // ifnonnull
    l[0xc8] = 5; // goto_w
    l[0xc9] = 5; // jsr_w
    return l;
  }

  private static int pad(int pc) {
    return (4 - (pc + 1) % 4) % 4;
  }

  private static int u2(byte[] code, int at) {
    return (code[at] & 0xff) << 8 | code[at + 1] & 0xff;
  }

  private static int s4(byte[] code, int at) {
    return (code[at] & 0xff) << 24 | (code[at + 1] & 0xff) << 16 | (code[at + 2] & 0xff) << 8 | code[at + 3] & 0xff;
  }

  private static boolean contains(int[] xs, int x) {
    for (int y : xs) {
      if (y == x) {
        return true;
      }
    }
    return false;
  }

  /**
   * The strongly connected components reachable from {@code roots} (Tarjan's algorithm, without
   * recursion: a method may have thousands of instructions).
   */
  static List<int[]> components(int[][] succ, int[] roots) {
    int n = succ.length;
    int[] order = new int[n];
    int[] low = new int[n];
    java.util.Arrays.fill(order, -1);
    boolean[] onStack = new boolean[n];
    Deque<Integer> stack = new ArrayDeque<>();
    List<int[]> out = new ArrayList<>();
    int counter = 0;
    for (int root : roots) {
      if (root >= n || order[root] >= 0) {
        continue;
      }
      Deque<int[]> work = new ArrayDeque<>(); // {node, next successor to visit}
      work.push(new int[] {root, 0});
      order[root] = low[root] = counter++;
      stack.push(root);
      onStack[root] = true;
      while (!work.isEmpty()) {
        int[] top = work.peek();
        int v = top[0];
        if (top[1] < succ[v].length) {
          int w = succ[v][top[1]++];
          if (order[w] < 0) {
            order[w] = low[w] = counter++;
            stack.push(w);
            onStack[w] = true;
            work.push(new int[] {w, 0});
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], order[w]);
          }
          continue;
        }
        work.pop();
        if (!work.isEmpty()) {
          int parent = work.peek()[0];
          low[parent] = Math.min(low[parent], low[v]);
        }
        if (low[v] == order[v]) {
          List<Integer> scc = new ArrayList<>();
          int w;
          do {
            w = stack.pop();
            onStack[w] = false;
            scc.add(w);
          } while (w != v);
          out.add(scc.stream().mapToInt(Integer::intValue).toArray());
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Naming a generated method after the function or rule it was compiled from

  /**
   * The executable model compiles a DRL function to a static method of the same name, a rule to a
   * method {@code rule_<name>} (characters outside Java names written {@code _<code>}) that refers
   * to the classes of its conditions and consequence, and a lambda to a method its author refers
   * to through invokedynamic.
   */
  static final class Naming {
    record Where(String file, int line, String rule, String label) {
      RuleGuard.Violation violation(String what) {
        return new RuleGuard.Violation(file, line, rule, rule == null ? label + " " + what : what);
      }
    }

    private static final Pattern FUNCTION =
        Pattern.compile("(?m)^\\s*function\\s+[\\w$.<>\\[\\], ?]+?\\s+([\\w$]+)\\s*\\(");

    private final Map<String, ClassRefs> classes;
    private final RuleIndex index;
    private final Map<String, Where> functions = new HashMap<>();
    private final Map<String, Where> rulesByClass = new HashMap<>();
    private final Map<String, String> lambdaAuthors = new HashMap<>();

    Naming(Map<String, ClassRefs> classes, RuleIndex index) {
      this.classes = classes;
      this.index = index;
      List<String> packages = index.packages();
      for (int i = 0; i < index.sources().size(); i++) {
        RuleSource s = index.sources().get(i);
        if (s.builtin() || packages.get(i) == null) {
          continue;
        }
        DrlText t = new DrlText(s.text());
        Matcher f = FUNCTION.matcher(t.code());
        while (f.find()) {
          functions.putIfAbsent(packages.get(i).replace('.', '/') + "/" + f.group(1),
              new Where(s.name(), t.lineOf(f.start(1)), null, "function " + f.group(1)));
        }
      }
      Map<String, String> mangled = new HashMap<>();
      for (RuleIndex.Location l : index.userRules()) {
        mangled.putIfAbsent(l.pkg().replace('.', '/') + "/rule_" + mangle(l.rule()), l.rule());
      }
      for (ClassRefs c : new TreeMap<>(classes).values()) {
        String pkg = c.name().substring(0, Math.max(0, c.name().lastIndexOf('/')));
        for (ClassRefs.Method m : c.methods()) {
          for (ClassRefs.Member callee : calls(c, m)) {
            if (callee.name().startsWith("lambda$")) {
              lambdaAuthors.putIfAbsent(callee.owner() + "." + callee.name() + callee.descriptor(),
                  c.name() + "." + m.name() + m.descriptor());
            }
          }
          String rule = mangled.get(pkg + "/" + m.name());
          if (rule == null) {
            continue;
          }
          RuleIndex.Location loc = index.locate(pkg.replace('/', '.'), rule);
          Where w = new Where(loc.file(), loc.line(), rule, "rule \"" + rule + "\"");
          for (String referred : referredClasses(c, m)) {
            rulesByClass.putIfAbsent(referred, w);
          }
        }
      }
    }

    /** {@code the r2: a-b} → {@code the_32r2_58_32a_45b}, as the executable model names rule methods. */
    static String mangle(String rule) {
      StringBuilder s = new StringBuilder();
      rule.codePoints().forEach(c -> {
        if (Character.isJavaIdentifierPart(c)) {
          s.appendCodePoint(c);
        } else {
          s.append('_').append(c);
        }
      });
      return s.toString();
    }

    private static Set<String> referredClasses(ClassRefs c, ClassRefs.Method m) {
      Set<String> out = new LinkedHashSet<>();
      byte[] code = m.code();
      for (int pc = 0; pc < code.length; pc += length(code, pc)) {
        int op = code[pc] & 0xff;
        if (op >= 0xb2 && op <= 0xb9) {
          ClassRefs.Member r = c.refs().get(u2(code, pc + 1));
          if (r != null) {
            out.add(r.owner());
          }
        }
      }
      return out;
    }

    Where of(String owner, ClassRefs.Method m) {
      return of(owner, m, 0);
    }

    private Where of(String owner, ClassRefs.Method m, int depth) {
      String pkg = owner.substring(0, Math.max(0, owner.lastIndexOf('/')));
      Where f = functions.get(pkg + "/" + m.name());
      if (f != null && (m.access() & ClassRefs.Method.ACC_STATIC) != 0) {
        return f;
      }
      String author = lambdaAuthors.get(owner + "." + m.name() + m.descriptor());
      if (m.name().startsWith("lambda$") && author != null && depth < 20) {
        String authorClass = author.substring(0, author.indexOf('.'));
        ClassRefs ac = classes.get(authorClass);
        String rest = author.substring(author.indexOf('.') + 1);
        for (ClassRefs.Method am : ac == null ? List.<ClassRefs.Method>of() : ac.methods()) {
          if (rest.equals(am.name() + am.descriptor())) {
            return of(authorClass, am, depth + 1);
          }
        }
      }
      Where r = rulesByClass.get(owner);
      if (r != null) {
        return r;
      }
      List<String> files = index.userFilesByPackage().getOrDefault(pkg.replace('/', '.'), List.of());
      return new Where(files.size() == 1 ? files.get(0) : "package " + pkg.replace('/', '.'), 0, null,
          "generated method " + owner.substring(owner.lastIndexOf('/') + 1) + "." + m.name());
    }
  }
}
