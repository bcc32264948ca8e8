package dev.albc.testinfra;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an integration test class (name it {@code *IT} so that failsafe runs it): before each test the
 * AWS emulator is wiped and a fresh namespace is made; the test takes an {@link ItContext} parameter.
 * Without the test servers every test of the class fails with a message saying how to start them.
 *
 * <p>Tests share one emulator and one API server, so they must not run in parallel: failsafe runs
 * test classes one after another in one JVM, and JUnit's parallel execution stays off.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("integration")
@ExtendWith(IntegrationExtension.class)
public @interface IntegrationTest {}
