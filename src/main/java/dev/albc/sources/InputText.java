package dev.albc.sources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One input text and where it came from (a file path as given, or a name such as {@code <stdin>}).
 * The origin names the input in error messages; an origin ending in {@code .json} is parsed as JSON,
 * anything else as YAML.
 */
public record InputText(String origin, String text) {

  /** The extensions {@link ManifestReader} reads from folders. */
  public static final Set<String> MANIFEST_EXTENSIONS = Set.of("yaml", "yml", "json");

  /** The extensions {@link AwsFactsReader} reads from folders. */
  public static final Set<String> JSON_EXTENSIONS = Set.of("json");

  public InputText {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(text, "text");
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
  }

  /** True when the origin names a JSON file. */
  public boolean isJson() {
    return origin.toLowerCase(Locale.ROOT).endsWith(".json");
  }

  /**
   * Reads files and folders. A file is read whatever its name; a folder is walked recursively and
   * only files with one of the extensions are read, in path order. The result follows the order of
   * {@code paths}; a file reached twice (named twice, or named and inside a named folder) is read
   * once.
   *
   * @throws InputException when a path does not exist, cannot be read as UTF-8 text or is past a
   *     limit of {@link InputLimits}
   */
  public static List<InputText> read(Collection<Path> paths, Set<String> extensions) {
    List<InputText> out = new ArrayList<>();
    Set<Path> done = new HashSet<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(p)) {
          files =
              s.filter(Files::isRegularFile)
                  .filter(f -> extensions.contains(extension(f)))
                  .sorted()
                  .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
          throw new InputException(p + ": cannot list folder: " + e.getMessage(), e);
        }
        for (Path f : files) {
          if (done.add(f.toAbsolutePath().normalize())) {
            out.add(readFile(f));
          }
        }
      } else if (done.add(p.toAbsolutePath().normalize())) {
        out.add(readFile(p));
      }
    }
    return out;
  }

  /** Reads one file as UTF-8, within {@link InputLimits#FILE_BYTES}. */
  public static InputText readFile(Path file) {
    return new InputText(file.toString(), readText(file, InputLimits.FILE_BYTES, "bytes per file"));
  }

  /**
   * Reads a regular file of at most {@code maxBytes} bytes as UTF-8 text without NUL characters.
   * Devices, pipes and sockets are refused before reading ({@code /dev/zero} never ends); a file past
   * the limit is refused after reading one byte more than it.
   *
   * @throws InputException naming the file and the problem (the limit, the byte offset and line of
   *     a byte that is not UTF-8, the line and column of a NUL)
   */
  public static String readText(Path file, int maxBytes, String limitName) {
    if (!Files.exists(file)) {
      throw new InputException(file + ": no such file or folder");
    }
    if (!Files.isRegularFile(file)) {
      throw new InputException(file + ": not a regular file (devices, pipes and sockets are not read)");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage(), e);
    }
    return text(file.toString(), bytes, maxBytes, limitName);
  }

  /**
   * Text that did not come from a file (a ConfigMap's value) within the same limits: at most
   * {@code maxBytes} bytes, UTF-8, no NUL.
   *
   * @throws InputException naming {@code origin} and the limit
   */
  public static String text(String origin, byte[] bytes, int maxBytes, String limitName) {
    if (bytes.length > maxBytes) {
      throw new InputException(origin + ": the file is " + InputLimits.limit(limitName, maxBytes));
    }
    return decode(origin, bytes);
  }

  /** Strict UTF-8: a byte that is not UTF-8 or a NUL is refused with where it is. */
  static String decode(String origin, byte[] bytes) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = d.decode(in, out, true);
    if (r.isError()) {
      int at = in.position();
      throw new InputException(String.format(
          "%s: not UTF-8 text: byte 0x%02X at byte offset %d (line %d) is not UTF-8; save the file as UTF-8",
          origin, bytes[at] & 0xff, at, lineAt(bytes, at)));
    }
    d.flush(out);
    String text = out.flip().toString();
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      int line = 1;
      int lineStart = 0;
      for (int k = 0; k < nul; k++) {
        if (text.charAt(k) == '\n') {
          line++;
          lineStart = k + 1;
        }
      }
      throw new InputException(origin + ": a NUL character at line " + line + ", column " + (nul - lineStart + 1)
          + ": not a text file");
    }
    return text;
  }

  private static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int k = 0; k < offset; k++) {
      if (bytes[k] == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String extension(Path f) {
    String n = f.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
