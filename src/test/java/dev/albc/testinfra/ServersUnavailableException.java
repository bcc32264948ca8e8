package dev.albc.testinfra;

/**
 * Thrown when an integration test runs without its servers. It fails the test (it is no
 * {@code TestAbortedException}, so nothing is skipped) and always says how to start them.
 */
public final class ServersUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServersUnavailableException(String problem) {
        this(problem, null);
    }

    public ServersUnavailableException(String problem, Throwable cause) {
        super(problem + "\n\n" + ItSettings.HOW_TO_START, cause);
    }
}
