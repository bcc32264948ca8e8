package dev.albc.rules;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a class file refers to, read from its constant pool (JVMS §4.4): every class it names, every
 * field and method it calls (owner, name, descriptor), and every type its descriptors mention. A
 * class can only reach code of another class through these entries, so checking them checks
 * everything the class can call, however the source spelled it (imports, fully qualified names,
 * unicode escapes, method references). Also the code of each method, with what its instructions
 * refer to ({@code refs}: constant pool index → member; {@code dynamicTargets}: constant pool index
 * of an invokedynamic → the methods its bootstrap arguments name, i.e. a lambda's body), for
 * {@link LoopCheck}.
 */
record ClassRefs(
    String name,
    String superName,
    Set<String> classes,
    List<Member> members,
    Set<String> descriptorTypes,
    List<Method> methods,
    Map<Integer, Member> refs,
    Map<Integer, List<Member>> dynamicTargets) {

  /** A method and its code (empty for abstract and native methods). */
  record Method(int access, String name, String descriptor, byte[] code, List<Handler> handlers) {
    static final int ACC_STATIC = 0x0008;
    static final int ACC_SYNTHETIC = 0x1000;
  }

  /** One entry of a method's exception table: instructions in [start, end) go to handler. */
  record Handler(int start, int end, int handler) {}

  /** A field or method reference. {@code kind} is "field", "method" or "interface method". */
  record Member(String kind, String owner, String name, String descriptor) {
    String display() {
      return owner.replace('/', '.') + (kind.equals("field") ? "." + name : "." + name + "()");
    }
  }

  static ClassRefs read(byte[] bytes) {
    try {
      return parse(new DataInputStream(new ByteArrayInputStream(bytes)));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a readable class file: " + e, e);
    }
  }

  private static ClassRefs parse(DataInputStream in) throws IOException {
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("bad magic");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    int[] tags = new int[count];
    String[] utf8 = new String[count];
    int[] a = new int[count];
    int[] b = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      tags[i] = tag;
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 3, 4 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++;
        }
        case 7, 8, 16, 19, 20 -> a[i] = in.readUnsignedShort();
        case 9, 10, 11, 12, 17, 18 -> {
          a[i] = in.readUnsignedShort();
          b[i] = in.readUnsignedShort();
        }
        case 15 -> {
          a[i] = in.readUnsignedByte();
          b[i] = in.readUnsignedShort();
        }
        default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
      }
    }
    Set<String> classes = new LinkedHashSet<>();
    List<Member> members = new ArrayList<>();
    Set<String> descriptorTypes = new LinkedHashSet<>();
    Map<Integer, Member> refs = new HashMap<>();
    for (int i = 1; i < count; i++) {
      switch (tags[i]) {
        case 7 -> classes.add(elementType(utf8[a[i]]));
        case 9, 10, 11 -> {
          String owner = elementType(utf8[a[tags[a[i]] == 7 ? a[i] : 0]]);
          int nat = b[i];
          String name = utf8[a[nat]];
          String desc = utf8[b[nat]];
          String kind = tags[i] == 9 ? "field" : tags[i] == 10 ? "method" : "interface method";
          Member m = new Member(kind, owner, name, desc);
          members.add(m);
          refs.put(i, m);
          descriptorTypes.addAll(typesIn(desc));
        }
        case 12 -> descriptorTypes.addAll(typesIn(utf8[b[i]]));
        case 16 -> descriptorTypes.addAll(typesIn(utf8[a[i]]));
        default -> { }
      }
    }
    in.readUnsignedShort();
    String self = utf8[a[in.readUnsignedShort()]];
    int superIndex = in.readUnsignedShort();
    String superName = superIndex == 0 ? null : utf8[a[superIndex]];
    int interfaces = in.readUnsignedShort();
    for (int i = 0; i < interfaces; i++) {
      in.readUnsignedShort();
    }
    List<Method> methods = new ArrayList<>();
    for (int kind = 0; kind < 2; kind++) {
      int n = in.readUnsignedShort();
      for (int i = 0; i < n; i++) {
        int access = in.readUnsignedShort();
        String memberName = utf8[in.readUnsignedShort()];
        String desc = utf8[in.readUnsignedShort()];
        descriptorTypes.addAll(typesIn(desc));
        byte[] code = new byte[0];
        List<Handler> handlers = List.of();
        int attrs = in.readUnsignedShort();
        for (int j = 0; j < attrs; j++) {
          String attr = utf8[in.readUnsignedShort()];
          long length = Integer.toUnsignedLong(in.readInt());
          if (kind == 1 && "Code".equals(attr)) {
            in.readUnsignedShort(); // max stack
            in.readUnsignedShort(); // max locals
            code = in.readNBytes(in.readInt());
            handlers = new ArrayList<>();
            int entries = in.readUnsignedShort();
            for (int h = 0; h < entries; h++) {
              handlers.add(new Handler(in.readUnsignedShort(), in.readUnsignedShort(), in.readUnsignedShort()));
              in.readUnsignedShort(); // catch type
            }
            int codeAttrs = in.readUnsignedShort();
            for (int c = 0; c < codeAttrs; c++) {
              in.readUnsignedShort();
              in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
            }
          } else {
            in.skipNBytes(length);
          }
        }
        if (kind == 1) {
          methods.add(new Method(access, memberName, desc, code, List.copyOf(handlers)));
        }
      }
    }
    Map<Integer, List<Member>> dynamicTargets = new HashMap<>();
    int classAttrs = in.readUnsignedShort();
    for (int j = 0; j < classAttrs; j++) {
      String attr = utf8[in.readUnsignedShort()];
      long length = Integer.toUnsignedLong(in.readInt());
      if (!"BootstrapMethods".equals(attr)) {
        in.skipNBytes(length);
        continue;
      }
      List<List<Member>> bootstrap = new ArrayList<>();
      int n = in.readUnsignedShort();
      for (int k = 0; k < n; k++) {
        in.readUnsignedShort(); // the bootstrap method (LambdaMetafactory …)
        List<Member> targets = new ArrayList<>();
        int args = in.readUnsignedShort();
        for (int x = 0; x < args; x++) {
          int arg = in.readUnsignedShort();
          if (tags[arg] == 15 && refs.containsKey(b[arg])) {
            targets.add(refs.get(b[arg]));
          }
        }
        bootstrap.add(targets);
      }
      for (int i = 1; i < count; i++) {
        if ((tags[i] == 18 || tags[i] == 17) && a[i] < bootstrap.size()) {
          dynamicTargets.put(i, List.copyOf(bootstrap.get(a[i])));
        }
      }
    }
    return new ClassRefs(self, superName, classes, members, descriptorTypes, methods, refs, dynamicTargets);
  }

  /** {@code [[Ljava/lang/String;} → {@code java/lang/String}; primitives arrays → "". */
  static String elementType(String internal) {
    if (internal == null || !internal.startsWith("[")) {
      return internal;
    }
    String t = internal.replaceFirst("^\\[+", "");
    return t.startsWith("L") && t.endsWith(";") ? t.substring(1, t.length() - 1) : "";
  }

  /** The class names in a field or method descriptor. */
  static List<String> typesIn(String descriptor) {
    List<String> out = new ArrayList<>();
    if (descriptor == null) {
      return out;
    }
    int i = 0;
    while ((i = descriptor.indexOf('L', i)) >= 0) {
      int end = descriptor.indexOf(';', i);
      if (end < 0) {
        break;
      }
      // only an 'L' that starts a type (after '(', ')', '[', ';' or at the start, or after a primitive)
      out.add(descriptor.substring(i + 1, end));
      i = end + 1;
    }
    return out;
  }
}
