package org.slimta.sample;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slimta.system.posix.Posix;
import org.slimta.system.signal.BlockedSignals;
import org.slimta.system.signal.ChildProcessLauncher;
import org.slimta.system.signal.Signal;

/**
 * The packaged sample application, run as a real child JVM ({@code java -jar sample-app.jar}) and
 * observed from outside: its pid, its exit status, its standard output and error (each on its own)
 * and HTTP.
 */
final class SampleAppProcess implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private final Process process;

	private final Path output;

	private final Path errors;

	private final int port;

	private SampleAppProcess(Process process, Path output, Path errors, int port) {
		this.process = process;
		this.output = output;
		this.errors = errors;
		this.port = port;
	}

	/**
	 * Start the jar on a free loopback port with extra application arguments.
	 */
	static SampleAppProcess start(String... args) throws IOException {
		return start(List.of(), args);
	}

	/**
	 * Start the jar with JVM options and extra application arguments.
	 */
	static SampleAppProcess start(List<String> jvmOptions, String... args) throws IOException {
		List<String> launch = new ArrayList<>(jvmOptions);
		launch.add("-jar");
		launch.add(jar().toString());
		return launch(launch, args);
	}

	/**
	 * Start another main class of the jar, through Spring Boot's {@code PropertiesLauncher}.
	 */
	static SampleAppProcess startMain(String mainClass, String... args) throws IOException {
		return launch(List.of("-Dloader.main=" + mainClass, "-cp", jar().toString(),
				"org.springframework.boot.loader.launch.PropertiesLauncher"), args);
	}

	/**
	 * Start the jar in a working directory of its own, where Spring Boot looks for
	 * {@code ./config/application.yml}.
	 */
	static SampleAppProcess startIn(Path directory, String... args) throws IOException {
		return launch(List.of(), List.of("-jar", jar().toAbsolutePath().toString()), Map.of(), freePort(), directory, args);
	}

	/**
	 * Start the jar with extra environment variables and application arguments.
	 */
	static SampleAppProcess startWithEnvironment(Map<String, String> environment, String... args) throws IOException {
		return launch(List.of("-jar", jar().toString()), environment, args);
	}

	private static SampleAppProcess launch(List<String> launch, String... args) throws IOException {
		return launch(launch, Map.of(), args);
	}

	/**
	 * Start the jar on a given port, for example one already taken.
	 */
	static SampleAppProcess startOnPort(int port, String... args) throws IOException {
		return startOnPort(port, Map.of(), args);
	}

	/**
	 * Start the jar on a given port with extra environment variables.
	 */
	static SampleAppProcess startOnPort(int port, Map<String, String> environment, String... args) throws IOException {
		return launch(List.of("-jar", jar().toString()), environment, port, args);
	}

	private static SampleAppProcess launch(List<String> launch, Map<String, String> environment, String... args)
			throws IOException {
		return launch(launch, environment, freePort(), args);
	}

	/**
	 * Start the jar through another program, for example {@code unshare --pid --fork}, which runs
	 * the {@code java} command it is given.
	 */
	static SampleAppProcess startThrough(List<String> wrapper, String... args) throws IOException {
		return launch(wrapper, List.of("-jar", jar().toString()), Map.of(), freePort(), args);
	}

	private static SampleAppProcess launch(List<String> launch, Map<String, String> environment, int port,
			String... args) throws IOException {
		return launch(List.of(), launch, environment, port, args);
	}

	private static SampleAppProcess launch(List<String> wrapper, List<String> launch, Map<String, String> environment,
			int port, String... args) throws IOException {
		return launch(wrapper, launch, environment, port, null, args);
	}

	private static SampleAppProcess launch(List<String> wrapper, List<String> launch, Map<String, String> environment,
			int port, Path directory, String... args) throws IOException {
		List<String> command = new ArrayList<>(wrapper);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(launch);
		command.add("--server.port=" + port);
		command.add("--server.address=127.0.0.1");
		command.addAll(List.of(args));
		Path output = Files.createTempFile("sample-app", ".log");
		Path errors = Files.createTempFile("sample-app", ".err");
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile());
		builder.environment().putAll(environment);
		if (directory != null) {
			builder.directory(directory.toFile());
		}
		// Every signal at its default action, whatever this JVM inherited (nohup ignores SIGHUP), as a service manager starts it.
		Process process = new ChildProcessLauncher().start(builder);
		return new SampleAppProcess(process, output, errors, port);
	}

	static Path jar() {
		Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: run 'mvn package' first");
		}
		return jar;
	}

	long pid() {
		return this.process.pid();
	}

	int port() {
		return this.port;
	}

	/**
	 * Wait until the application answers HTTP on its port.
	 */
	void awaitHttp() throws Exception {
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("exited with " + this.process.exitValue() + ":\n" + output());
			}
			try {
				get("/actuator/health");
				return;
			}
			catch (ConnectException ex) {
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException("no HTTP answer within " + STARTUP + ":\n" + output());
	}

	HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Wait for the process to end by itself.
	 * @return its exit status
	 */
	int awaitExit() throws Exception {
		if (!this.process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
			throw new IllegalStateException("still running after " + STARTUP + ":\n" + output());
		}
		return this.process.exitValue();
	}

	/**
	 * Send SIGTERM and wait for the exit.
	 * @return the exit status
	 */
	int terminate() throws Exception {
		this.process.destroy();
		return awaitExit();
	}

	boolean portListening() {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Everything the process wrote: its standard output, then its standard error.
	 */
	String output() throws IOException {
		return standardOutput() + standardError();
	}

	String standardOutput() throws IOException {
		return Files.readString(this.output);
	}

	String standardError() throws IOException {
		return Files.readString(this.errors);
	}

	@Override
	public void close() throws Exception {
		if (this.process.isAlive()) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		Files.deleteIfExists(this.output);
		Files.deleteIfExists(this.errors);
	}

	/**
	 * Send a signal, as this test JVM (the sender pid the application sees).
	 */
	void signal(Signal signal) {
		Posix.get().kill((int) pid(), signal.number());
	}

	/**
	 * The signals each thread of the process blocks, from {@code /proc/<pid>/task/<tid>/status}.
	 */
	Map<String, Set<Integer>> blockedSignalsByThread() throws IOException {
		Map<String, Set<Integer>> blocked = new TreeMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
			for (Path task : tasks.toList()) {
				try {
					blocked.put(task.getFileName().toString(), BlockedSignals.of(task.resolve("status")));
				}
				catch (IOException ex) {
					// The thread ended while being listed.
				}
			}
		}
		return blocked;
	}

	/**
	 * The command line the process runs now, from {@code /proc/<pid>/cmdline}.
	 */
	List<String> commandLine() throws IOException {
		return List.of(Files.readString(Path.of("/proc", Long.toString(pid()), "cmdline")).split("\0"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
