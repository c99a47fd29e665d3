# syntax=docker/dockerfile:1
# vfbridge, production image: docker build -t vfbridge .
# Runs the production profile; the same image with --spring.profiles.active=simulator is the
# standalone VirtFusion simulator (docker-compose.yml uses it as the panel).

# 1. build the jar (JDK 21; the bytecode targets 17) without the local default's embedded PostgreSQL
#    binaries (-Pimage: the image always names its database) and split it into layers
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml .editorconfig ./
COPY db db
COPY src src
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests -Pimage package \
 && java -Djarmode=tools -jar target/vfbridge.jar extract --layers --launcher --destination /extracted

# 2. run it on a JRE, as an unprivileged user, one layer per rate of change
FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 vfbridge \
 && useradd --system --uid 10001 --gid vfbridge --home-dir /app --no-create-home --shell /usr/sbin/nologin vfbridge
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
COPY --chmod=0755 docker/healthcheck.sh /usr/local/bin/vfbridge-healthcheck
USER 10001:10001
ENV SPRING_PROFILES_ACTIVE=prod
EXPOSE 8080
# readiness: the database answers and the application has started (the simulator service checks
# /actuator/health instead)
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 CMD ["vfbridge-healthcheck"]
# Heap from the container's memory limit, not the host's; die on OOM so the orchestrator restarts
# it. JAVA_TOOL_OPTIONS adds or overrides flags without a rebuild.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:InitialRAMPercentage=25", "-XX:+ExitOnOutOfMemoryError", \
  "-Djava.io.tmpdir=/tmp", "org.springframework.boot.loader.launch.JarLauncher"]
