package org.slimta.sample;

import java.io.IOException;
import java.net.ConnectException;
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

import org.slimta.system.internal.posix.Posix;
import org.slimta.system.signal.ChildProcessLauncher;
import org.slimta.system.signal.Signal;
import org.slimta.system.testsupport.JavaCommand;
import org.slimta.system.testsupport.JavaProcess;
import org.slimta.system.testsupport.LoopbackPorts;
import org.slimta.system.testsupport.ProcProcess;

/**
 * The packaged sample application, run as a real child JVM ({@code java -jar sample-app.jar}) and
 * observed from outside: its pid, its exit status, its standard output and error (each on its own)
 * and HTTP.
 */
final class SampleAppProcess implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private final JavaProcess process;

	private final int port;

	private SampleAppProcess(JavaProcess process, int port) {
		this.process = process;
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
	 * Start the jar with JVM options, extra environment variables and application arguments.
	 */
	static SampleAppProcess start(List<String> jvmOptions, Map<String, String> environment, String... args)
			throws IOException {
		List<String> launch = new ArrayList<>(jvmOptions);
		launch.add("-jar");
		launch.add(jar().toString());
		return launch(launch, environment, args);
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
		return startIn(directory, Map.of(), args);
	}

	/**
	 * Start the jar in a working directory of its own, with extra environment variables.
	 */
	static SampleAppProcess startIn(Path directory, Map<String, String> environment, String... args)
			throws IOException {
		return launch(List.of(), List.of("-jar", jar().toAbsolutePath().toString()), environment, freePort(), directory,
				args);
	}

	/**
	 * Start another copy of the application's jar (for example one extracted with Spring Boot's
	 * {@code jarmode=tools}) with JVM options and extra application arguments.
	 */
	static SampleAppProcess startJar(List<String> jvmOptions, Path jar, String... args) throws IOException {
		List<String> launch = new ArrayList<>(jvmOptions);
		launch.add("-jar");
		launch.add(jar.toString());
		return launch(launch, args);
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

	/**
	 * Start the jar with JVM options through another program, for example {@code unshare --mount sh -c
	 * '...; exec "$@"'}, which may change the working directory (the jar's path is absolute).
	 */
	static SampleAppProcess startThrough(List<String> wrapper, List<String> jvmOptions, String... args)
			throws IOException {
		List<String> launch = new ArrayList<>(jvmOptions);
		launch.add("-jar");
		launch.add(jar().toAbsolutePath().toString());
		return launch(wrapper, launch, Map.of(), freePort(), args);
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
		JavaCommand command = JavaCommand.launch(launch)
			.wrappedIn(wrapper)
			.arguments("--server.port=" + port, "--server.address=127.0.0.1")
			.arguments(args)
			.environment(environment)
			.named("sample-app")
			// Every signal at its default action, whatever this JVM inherited (nohup ignores SIGHUP), as a service manager starts it.
			.startedBy(new ChildProcessLauncher()::start);
		if (directory != null) {
			command.directory(directory);
		}
		return new SampleAppProcess(command.start(), port);
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
		this.process.await("HTTP answer", STARTUP, () -> {
			try {
				get("/actuator/health");
				return true;
			}
			catch (ConnectException ex) {
				return false;
			}
		});
	}

	/**
	 * Wait until a condition holds while the application runs.
	 */
	void await(String what, Duration timeout, JavaProcess.Condition condition) throws Exception {
		this.process.await(what, timeout, condition);
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
		return this.process.awaitExit(STARTUP);
	}

	/**
	 * Send SIGTERM and wait for the exit.
	 * @return the exit status
	 */
	int terminate() throws Exception {
		return this.process.terminate(STARTUP);
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	boolean portListening() {
		return LoopbackPorts.isListening(this.port);
	}

	/**
	 * Everything the process wrote: its standard output, then its standard error.
	 */
	String output() throws IOException {
		return this.process.output();
	}

	String standardOutput() throws IOException {
		return this.process.standardOutput();
	}

	String standardError() throws IOException {
		return this.process.standardError();
	}

	/**
	 * End the application and whatever it started that still runs (SIGTERM, then SIGKILL).
	 */
	@Override
	public void close() throws Exception {
		this.process.close();
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
	Map<Long, Set<Integer>> blockedSignalsByThread() throws IOException {
		return ProcProcess.of(pid()).blockedSignalsByThread();
	}

	/**
	 * The command line the process was started with.
	 */
	List<String> startedCommandLine() {
		return this.process.startedCommandLine();
	}

	/**
	 * The command line the process runs now, from {@code /proc/<pid>/cmdline}.
	 */
	List<String> commandLine() throws IOException {
		return ProcProcess.of(pid()).commandLine();
	}

	private static int freePort() throws IOException {
		return LoopbackPorts.free();
	}

}
