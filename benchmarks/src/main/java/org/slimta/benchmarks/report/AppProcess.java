package org.slimta.benchmarks.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slimta.system.testsupport.JavaCommand;
import org.slimta.system.testsupport.JavaProcess;
import org.slimta.system.testsupport.LoopbackPorts;
import org.slimta.system.testsupport.ProcProcess;

/**
 * One run of the measured application as a real process on a free loopback port: how long
 * until its first successful HTTP answer, and what the kernel says about it.
 */
final class AppProcess implements AutoCloseable {

	private static final String JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();

	private static final long STARTUP_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

	/** A service manager's grace before SIGKILL, as systemd's {@code TimeoutStopSec} would give. */
	private static final Duration STOP_GRACE = Duration.ofSeconds(30);

	private final JavaProcess process;

	private final int port;

	private final long startupNanos;

	private AppProcess(JavaProcess process, int port, long startupNanos) {
		this.process = process;
		this.port = port;
		this.startupNanos = startupNanos;
	}

	/**
	 * Starts {@code java -jar jar args…} and returns once {@code /actuator/health/ping}
	 * answered 200: an answer that no health contributor delays, the starter's included.
	 * @param jar the executable jar
	 * @param log where the application's output goes, or {@code null} to hand it to {@code lines}
	 * @param lines receives each output line when {@code log} is {@code null}
	 * @param args application arguments
	 * @return the running application
	 */
	static AppProcess start(Path jar, Path log, Consumer<String> lines, String... args)
			throws IOException, InterruptedException {
		return start(List.of("-jar", jar.toString()), log, lines, args);
	}

	/**
	 * Start the application with the given launch options (e.g. {@code -jar app.jar}).
	 */
	static AppProcess start(List<String> launch, Path log, Consumer<String> lines, String... args)
			throws IOException, InterruptedException {
		int port = LoopbackPorts.free();
		JavaCommand command = JavaCommand.launch(launch)
			.arguments("--server.port=" + port)
			.arguments(args)
			.closeGrace(STOP_GRACE);
		if (log != null) {
			command.outputTo(log);
		}
		else {
			command.outputLines(lines);
		}
		long start = System.nanoTime();
		JavaProcess process = command.start();
		URI ping = URI.create("http://127.0.0.1:" + port + "/actuator/health/ping");
		try {
			while (get(ping) == null) {
				if (!process.isAlive()) {
					throw new IOException("the application ended with status " + process.process().exitValue()
							+ " before answering" + ((log != null) ? "; see " + log : ""));
				}
				if (System.nanoTime() - start > STARTUP_TIMEOUT_NANOS) {
					throw new IOException("the application did not answer within 120 s");
				}
				Thread.sleep(5);
			}
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			close(process);
			throw ex;
		}
		return new AppProcess(process, port, System.nanoTime() - start);
	}

	long pid() {
		return this.process.pid();
	}

	double startupMillis() {
		return this.startupNanos / 1e6;
	}

	/**
	 * How long the process ran before its JVM was relaunched in place for signalfd, as the
	 * relaunch recorded it on the new JVM's command line (from the kernel's process start time,
	 * in its 10 ms ticks).
	 * @return the milliseconds, or {@code null} if the JVM was not relaunched
	 */
	Double relaunchedAfterMillis() throws IOException {
		String marker = "-Dorg.slimta.system.prepared.relaunched-after=";
		for (String argument : proc().commandLine()) {
			if (argument.startsWith(marker)) {
				return Double.valueOf(argument.substring(marker.length()));
			}
		}
		return null;
	}

	/** A {@code kB} field of {@code /proc/<pid>/status}, in MiB; VmHWM is the peak RSS. */
	double statusMebibytes(String field) throws IOException {
		return proc().statusKibibytes(field) / 1024.0;
	}

	/**
	 * CPU time the process has used so far, every thread and both JVMs of a relaunch included
	 * ({@code utime + stime} of {@code /proc/<pid>/stat}, which {@code execve} does not reset).
	 * @return milliseconds
	 */
	double cpuMillis() throws IOException {
		return proc().cpuMillis();
	}

	/**
	 * Waits until the process is idle: no more than one clock tick of CPU time over
	 * {@code window}, so that what follows is not measured against start-up's leftovers.
	 * @param window how long the process must stay quiet
	 * @param timeout when to give up
	 * @return whether the process became idle within {@code timeout}
	 */
	boolean awaitIdle(Duration window, Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		do {
			double before = cpuMillis();
			Thread.sleep(window.toMillis());
			if (cpuMillis() - before <= ProcProcess.cpuTickMillis()) {
				return true;
			}
		}
		while (System.nanoTime() < deadline);
		return false;
	}

	/**
	 * Waits for the process to end by itself; returns as soon as the JDK has reaped it.
	 * @param timeout how long to wait
	 * @return its exit status, or {@code -1} if it still runs after {@code timeout}
	 */
	int awaitExit(Duration timeout) throws InterruptedException {
		return this.process.exitStatusWithin(timeout).orElse(-1);
	}

	/** The kernel's names of the process's threads (Java thread names, cut to 15 characters). */
	List<String> threadNames() throws IOException {
		return proc().threadNames();
	}

	/**
	 * Asks for the full {@code /actuator/health}, every contributor included.
	 * @return the body, or {@code null} if the answer was not 200
	 */
	String health() {
		return get(URI.create("http://127.0.0.1:" + this.port + "/actuator/health"));
	}

	/** A string detail of the {@code slimta} health component, or {@code null} without one. */
	String healthDetail(String name) {
		return detail(health(), name);
	}

	static String detail(String healthBody, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\":\"?([^\",}]*)")
			.matcher((healthBody != null) ? healthBody : "");
		return matcher.find() ? matcher.group(1) : null;
	}

	/**
	 * The live objects after a full collection ({@code jcmd GC.class_histogram}).
	 * @return bytes per class name
	 */
	ClassHistogram classHistogram() throws IOException, InterruptedException {
		Process jcmd = new ProcessBuilder(JCMD, Long.toString(pid()), "GC.class_histogram").redirectErrorStream(true)
			.start();
		List<String> lines = new ArrayList<>();
		forEachLine(jcmd.getInputStream(), lines::add);
		if (jcmd.waitFor() != 0) {
			throw new IOException("jcmd failed: " + String.join("\n", lines));
		}
		return ClassHistogram.parse(lines);
	}

	/** Stops the application as a service manager would: SIGTERM, then SIGKILL after 30 s. */
	@Override
	public void close() throws InterruptedException {
		close(this.process);
	}

	private static void close(JavaProcess process) throws InterruptedException {
		try {
			process.close();
		}
		catch (InterruptedException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			// only the output files of a run without a log could not be deleted
		}
	}

	private ProcProcess proc() {
		return ProcProcess.of(pid());
	}

	private static String get(URI uri) {
		try {
			HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
			connection.setConnectTimeout(1000);
			connection.setReadTimeout(5000);
			try {
				if (connection.getResponseCode() != 200) {
					return null;
				}
				try (InputStream body = connection.getInputStream()) {
					return new String(body.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
			finally {
				connection.disconnect();
			}
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static void forEachLine(InputStream input, Consumer<String> lines) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lines.accept(line);
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

}
