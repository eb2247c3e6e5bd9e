package io.scorescope.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster of child JVMs bound to 127.0.0.1 (a master and workers of one core each), on this
 * JVM's class path, for tests. Workers launch executors with the class path the driver gives
 * (spark.executor.extraClassPath) and an empty SPARK_HOME/jars. {@link #close} kills every child and its
 * descendants (executors).
 */
final class LocalCluster implements AutoCloseable {
    final int port, webPort;
    private final Path home;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();

    private LocalCluster(Path home, int port, int webPort, Process master) {
        this.home = home;
        this.port = port;
        this.webPort = webPort;
        this.master = master;
    }

    String url() { return "spark://127.0.0.1:" + port; }

    /** Starts a master and n workers and waits (at most 90 s) until all workers are registered. */
    static LocalCluster start(Path dir, int n) throws Exception {
        Path home = dir.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        int port = freePort(), web = freePort();
        Process m = java(home, dir.resolve("master.log"), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(web));
        LocalCluster c = new LocalCluster(home, port, web, m);
        try {
            for (int i = 0; i < n; i++) c.addWorker(dir, i);
            c.awaitWorkers(n, Duration.ofSeconds(90));
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    private void addWorker(Path dir, int i) throws IOException {
        Path work = dir.resolve("work-" + i);
        Files.createDirectories(work);
        workers.add(java(home, dir.resolve("worker-" + i + ".log"), "org.apache.spark.deploy.worker.Worker",
                "--host", "127.0.0.1", "--cores", "1", "--memory", "2g", "--webui-port", Integer.toString(freePort()),
                "--work-dir", work.toString(), url()));
    }

    /** Waits until the master lists n alive workers. */
    void awaitWorkers(int n, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/")).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (io.scorescope.io.Json.MAPPER.readTree(last).path("aliveworkers").asInt() >= n) return;
            } catch (IOException e) {
                // not up yet
            }
            if (!master.isAlive()) throw new IllegalStateException("the Spark master exited");
            Thread.sleep(500);
        }
        throw new IllegalStateException("fewer than " + n + " workers registered within " + timeout + ": " + last);
    }

    Process worker(int i) { return workers.get(i); }

    /** Kills worker i and its executors at once (SIGKILL), as a lost machine. */
    void killWorker(int i) {
        Process w = workers.get(i);
        List<ProcessHandle> family = Stream.concat(w.descendants(), Stream.of(w.toHandle())).toList();
        family.forEach(ProcessHandle::destroyForcibly);
    }

    /** Executors (child JVMs) of worker i now. */
    long executors(int i) { return workers.get(i).descendants().count(); }

    @Override public void close() {
        List<Process> all = new ArrayList<>(workers);
        all.add(master);
        for (Process p : all) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : all) {
            try {
                p.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Process java(Path home, Path log, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        cmd.addAll(Arrays.asList(System.getProperty("spark.test.opens", "").split(" ")).stream().filter(s -> !s.isBlank()).toList());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_LOCAL_HOSTNAME", "localhost");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        return pb.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
