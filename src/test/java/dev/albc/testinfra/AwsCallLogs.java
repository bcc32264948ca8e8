package dev.albc.testinfra;

import dev.albc.aws.AwsCallAudit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The AWS call logs of this test run ({@link AwsCallAudit}): one file per process, this JVM's and
 * every controller process a test started, in the directory failsafe gives as {@code
 * ALBC_AWS_CALL_LOG} (a new one per run, pom.xml). {@link IntegrationExtension} fails a test during
 * which a call was refused, so that no test can swallow the audit's refusal.
 */
public final class AwsCallLogs {
    public static final String DENIED = "DENIED ";

    /** Lines of each file already looked at by {@link #newDenials()}. */
    private static final Map<String, Integer> SEEN = new HashMap<>();

    private AwsCallLogs() {}

    /** The complete lines of every process's log, by file name ({@code aws-calls-<pid>.txt}); empty when the audit is off. */
    public static Map<String, List<String>> read() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (!AwsCallAudit.enabled()) {
            return out;
        }
        Path dir = AwsCallAudit.logFile().getParent();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("aws-calls-")).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                // a process may be writing its last line: only lines that end are read
                String complete = text.substring(0, text.lastIndexOf('\n') + 1);
                out.put(f.getFileName().toString(), complete.isEmpty() ? List.of() : List.of(complete.split("\n")));
            }
        }
        return out;
    }

    /**
     * Deletes the call-log directories of earlier runs beside this run's (pom.xml names them by build
     * time, so they sort by age), keeping the newest {@code keep}: without it they pile up until
     * {@code mvn clean}. A directory that cannot be deleted is left.
     */
    public static void pruneEarlierRuns(int keep) {
        if (!AwsCallAudit.enabled()) {
            return;
        }
        Path current = AwsCallAudit.logFile().getParent();
        Path parent = current.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(parent)) {
            List<Path> earlier = dirs.filter(Files::isDirectory).filter(d -> !d.equals(current)).sorted().toList();
            for (Path d : earlier.subList(0, Math.max(0, earlier.size() - keep))) {
                try (Stream<Path> files = Files.walk(d)) {
                    for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException e) {
                    // left for mvn clean
                }
            }
        } catch (IOException e) {
            // left for mvn clean
        }
    }

    /** The refusals logged since the last call, as {@code <file>: DENIED <operation> <why>}. */
    public static synchronized List<String> newDenials() throws IOException {
        List<String> out = new ArrayList<>();
        read().forEach((file, lines) -> {
            for (int i = SEEN.getOrDefault(file, 0); i < lines.size(); i++) {
                if (lines.get(i).startsWith(DENIED)) {
                    out.add(file + ": " + lines.get(i));
                }
            }
            SEEN.put(file, lines.size());
        });
        return out;
    }
}
