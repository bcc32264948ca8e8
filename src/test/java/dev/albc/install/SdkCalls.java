package dev.albc.install;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkRequest;

/**
 * The AWS operations albc's compiled code can call, read from its class files' constant pools: every
 * method reference to an SDK client interface ({@code software.amazon.awssdk.services.*.*Client})
 * whose parameter is a request (a paginator counts as its operation), and every string constant
 * {@code service:Operation} (the change planner's steps, which the executor calls by reflection).
 */
final class SdkCalls {
  private static final Pattern STEP = Pattern.compile("(elbv2|ec2|acm|wafv2|shield|tagging|sts):[A-Z][A-Za-z0-9]+");
  private static final Map<String, String> SERVICE = Map.of(
      "elasticloadbalancingv2", "elbv2", "ec2", "ec2", "acm", "acm", "wafv2", "wafv2", "shield", "shield",
      "resourcegroupstaggingapi", "tagging", "sts", "sts", "route53", "route53");

  private static final Map<String, Set<String>> REQUEST_METHODS = new ConcurrentHashMap<>();

  private SdkCalls() {}

  /** The client's methods that take a request or a request-builder consumer. */
  private static Set<String> requestMethods(String owner) {
    Class<?> client;
    try {
      client = Class.forName(owner.replace('/', '.'), false, SdkCalls.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    Set<String> out = new HashSet<>();
    for (Method m : client.getMethods()) {
      if (m.getParameterCount() == 1 && (SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0])
          || m.getParameterTypes()[0] == java.util.function.Consumer.class)) {
        out.add(m.getName());
      }
    }
    return out;
  }

  /** Operation → the classes that call it, for every class file under {@code classes}. */
  static SortedMap<String, TreeSet<String>> scan(Path classes) {
    SortedMap<String, TreeSet<String>> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String cls = classes.relativize(f).toString().replace('\\', '/');
        try (InputStream in = Files.newInputStream(f)) {
          for (String op : operations(in)) {
            out.computeIfAbsent(op, k -> new TreeSet<>()).add(cls);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The operations one class file refers to. */
  static List<String> operations(InputStream classFile) throws IOException {
    DataInputStream in = new DataInputStream(classFile);
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    Object[] pool = new Object[count];
    int[][] refs = new int[count][];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> pool[i] = in.readUTF();
        case 3, 4 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++;
        }
        case 7, 8, 16, 19, 20 -> refs[i] = new int[] {tag, in.readUnsignedShort()};
        case 9, 10, 11, 12, 17, 18 -> refs[i] = new int[] {tag, in.readUnsignedShort(), in.readUnsignedShort()};
        case 15 -> {
          in.readUnsignedByte();
          refs[i] = new int[] {tag, in.readUnsignedShort()};
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    List<String> ops = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int[] r = refs[i];
      if (r == null) {
        continue;
      }
      if (r[0] == 8 && pool[r[1]] instanceof String s && STEP.matcher(s).matches()) {
        ops.add(s);
      }
      if (r[0] == 10 || r[0] == 11) {
        String owner = (String) pool[refs[r[1]][1]];
        String name = (String) pool[refs[r[2]][1]];
        String op = clientOperation(owner, name);
        if (op != null) {
          ops.add(op);
        }
      }
    }
    return ops;
  }

  /** {@code software/amazon/awssdk/services/ec2/Ec2Client.describeSubnetsPaginator} → {@code ec2:DescribeSubnets}. */
  static String clientOperation(String owner, String method) {
    if (!owner.startsWith("software/amazon/awssdk/services/") || !owner.endsWith("Client")) {
      return null;
    }
    String[] parts = owner.split("/");
    String service = SERVICE.get(parts[4]);
    if (service == null) {
      throw new IllegalStateException("albc calls an SDK client of an unexpected service: " + owner);
    }
    boolean takesRequest = REQUEST_METHODS.computeIfAbsent(owner, SdkCalls::requestMethods).contains(method);
    if (!takesRequest) {
      return null; // close(), serviceName(), waiter(), …
    }
    String op = method.endsWith("Paginator") ? method.substring(0, method.length() - "Paginator".length()) : method;
    return service + ":" + Character.toUpperCase(op.charAt(0)) + op.substring(1);
  }
}
