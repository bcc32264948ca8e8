package dev.albc.sources;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
   * @throws InputException when a path does not exist or cannot be read as UTF-8 text
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

  /** Reads one file as UTF-8. */
  public static InputText readFile(Path file) {
    try {
      return new InputText(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file or folder", e);
    } catch (CharacterCodingException e) {
      throw new InputException(file + ": not UTF-8 text", e);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e, e);
    }
  }

  private static String extension(Path f) {
    String n = f.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
