# albc's container image: the controller (`albc controller`) on a Java 17 JRE, as a non-root user, with
# no shell at run time (distroless). Build the jar first, then the image:
#   ./mvnw -B package -DskipTests && docker build -t albc:0.1.0 .
# Without a Docker daemon, `./mvnw -B -Pimage package` builds the same image with Jib into
# target/jib-image.tar (docs/installation.md "Image").
FROM gcr.io/distroless/java17-debian12:nonroot
COPY target/albc.jar /app/albc.jar
# the distroless "nonroot" user; the chart runs it with runAsNonRoot and a read-only root filesystem
USER 65532:65532
WORKDIR /app
# the chart passes the reference controller's flags as args: the command is fixed here
ENTRYPOINT ["/usr/bin/java", "-jar", "/app/albc.jar", "controller"]
