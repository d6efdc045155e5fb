package org.slimta.benchmarks.report;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slimta.system.internal.posix.Posix;

/**
 * Daemon mode against the foreground: the time from spawning {@code java -jar} with
 * {@code daemon.enabled=true} until the launcher exits 0 (the daemon is ready and serves), against
 * the time from spawning the same jar in the foreground (defaults: signalfd, relaunch in place)
 * until its first answer; in turns, {@link Effort#startupRuns()} times each.
 */
final class DaemonStartup {

	private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

	private final BenchmarkSetup setup;

	DaemonStartup(BenchmarkSetup setup) {
		this.setup = setup;
	}

	void report(MarkdownReport report) throws IOException, InterruptedException {
		Files.createDirectories(this.setup.logs());
		List<Double> foreground = new ArrayList<>();
		List<Double> detached = new ArrayList<>();
		for (int round = 1; round <= this.setup.effort().startupRuns(); round++) {
			Path log = this.setup.logs().resolve("daemon-foreground-" + round + ".log");
			try (AppProcess app = AppProcess.start(this.setup.starterJar(), log, null)) {
				foreground.add(app.startupMillis());
			}
			double millis = launchDetached(round);
			detached.add(millis);
			this.setup.progress().printf("daemon run %d: foreground %.0f ms, launcher to ready %.0f ms%n", round,
					foreground.get(foreground.size() - 1), millis);
		}
		Sample fg = Sample.of(foreground);
		Sample daemon = Sample.of(detached);
		report.section("Daemon",
				"The jar with the starter and its defaults (signalfd), " + this.setup.effort().startupRuns()
						+ " runs each in turns: "
						+ "in the foreground, from spawning `java -jar` to the first `200` of "
						+ "`GET /actuator/health/ping`; detached (`--slimta.system.daemon.enabled=true` with a pid file), "
						+ "from spawning `java -jar` to the launcher's exit 0, after which the daemon is checked to "
						+ "answer at once. Milliseconds, median (min–max).",
				"figure", "median (min–max)", "× foreground");
		report.row("foreground start → first answer", fg.medianAndRange(0), "1.00");
		report.row("launcher → ready (daemon answers)", daemon.medianAndRange(0), daemon.ratioTo(fg));
	}

	private double launchDetached(int round) throws IOException, InterruptedException {
		int port = freePort();
		Path pidFile = Files.createTempFile("benchmarks-daemon", ".pid");
		Files.delete(pidFile);
		Path log = this.setup.logs().resolve("daemon-detached-" + round + ".log");
		List<String> command = List.of(JAVA, "-jar", this.setup.starterJar().toString(), "--server.port=" + port,
				"--server.address=127.0.0.1", "--slimta.system.daemon.enabled=true",
				"--slimta.system.daemon.pid-file=" + pidFile, "--slimta.system.daemon.stdout=" + log,
				"--slimta.system.daemon.stderr=" + log);
		long start = System.nanoTime();
		Process launcher = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.setup.logs().resolve("daemon-launcher-" + round + ".log").toFile())
			.start();
		if (!launcher.waitFor(120, TimeUnit.SECONDS) || launcher.exitValue() != 0) {
			launcher.destroyForcibly();
			throw new IOException("the launcher did not report a ready daemon; see " + log);
		}
		double millis = (System.nanoTime() - start) / 1e6;
		int pid = Integer.parseInt(Files.readString(pidFile).trim());
		try {
			HttpResponse<Void> ping = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/ping"))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.discarding());
			if (ping.statusCode() != 200) {
				throw new IOException("the daemon answered " + ping.statusCode() + " right after the launcher exited");
			}
		}
		finally {
			Posix.get().kill(pid, 15);
			while (Files.exists(Path.of("/proc", Integer.toString(pid)))) {
				Thread.sleep(20);
			}
		}
		return millis;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
