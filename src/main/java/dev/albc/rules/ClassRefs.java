package dev.albc.rules;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a class file refers to, read from its constant pool (JVMS §4.4): every class it names, every
 * field and method it calls (owner, name, descriptor), and every type its descriptors mention. A
 * class can only reach code of another class through these entries, so checking them checks
 * everything the class can call, however the source spelled it (imports, fully qualified names,
 * unicode escapes, method references).
 */
record ClassRefs(
    String name,
    String superName,
    Set<String> classes,
    List<Member> members,
    Set<String> descriptorTypes) {

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
    for (int i = 1; i < count; i++) {
      switch (tags[i]) {
        case 7 -> classes.add(elementType(utf8[a[i]]));
        case 9, 10, 11 -> {
          String owner = elementType(utf8[a[tags[a[i]] == 7 ? a[i] : 0]]);
          int nat = b[i];
          String name = utf8[a[nat]];
          String desc = utf8[b[nat]];
          String kind = tags[i] == 9 ? "field" : tags[i] == 10 ? "method" : "interface method";
          members.add(new Member(kind, owner, name, desc));
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
    for (int kind = 0; kind < 2; kind++) {
      int n = in.readUnsignedShort();
      for (int i = 0; i < n; i++) {
        in.readUnsignedShort();
        in.readUnsignedShort();
        descriptorTypes.addAll(typesIn(utf8[in.readUnsignedShort()]));
        int attrs = in.readUnsignedShort();
        for (int j = 0; j < attrs; j++) {
          in.readUnsignedShort();
          in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
        }
      }
    }
    return new ClassRefs(self, superName, classes, members, descriptorTypes);
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
