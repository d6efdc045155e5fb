package org.slimta.system.internal.privileged;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slimta.system.testsupport.JavaCommand;
import org.slimta.system.testsupport.JavaProcess;
import org.slimta.system.testsupport.LoopbackPorts;
import org.slimta.system.testsupport.TemporaryDirectories;

/**
 * {@link WhoAmIApplication} as a real child JVM with exactly one web server on its class path,
 * observed from outside: exit status, output, HTTP, {@code /proc/<pid>}.
 */
final class WebServerProcess implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Map<Server, String> CLASS_PATHS = new ConcurrentHashMap<>();

	private final JavaProcess process;

	private final int port;

	private WebServerProcess(JavaProcess process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Start the application.
	 * @param server the only web server on its class path
	 * @param launcher the command that runs {@code java} (for example {@code setpriv ...}), may be empty
	 * @param port the port of the application
	 * @param args application arguments
	 */
	static WebServerProcess start(Server server, List<String> launcher, int port, String... args) throws IOException {
		JavaProcess process = JavaCommand
			.mainClass(CLASS_PATHS.computeIfAbsent(server, WebServerProcess::classPath), WhoAmIApplication.class.getName())
			.wrappedIn(launcher)
			.options("--enable-native-access=ALL-UNNAMED")
			.arguments("--server.address=127.0.0.1", "--server.port=" + port,
					"--management.endpoints.web.exposure.include=health",
					"--management.endpoint.health.show-details=always")
			.arguments(args)
			.named("privileged-" + server.name().toLowerCase())
			.mergeErrors()
			.start();
		return new WebServerProcess(process, port);
	}

	/**
	 * A free port on 127.0.0.1 below 1024, which only root may bind.
	 */
	static int freePrivilegedPort() throws IOException {
		return LoopbackPorts.freePrivileged();
	}

	static int freePort() throws IOException {
		return LoopbackPorts.free();
	}

	long pid() {
		return this.process.pid();
	}

	int port() {
		return this.port;
	}

	/**
	 * Wait until the output holds a line.
	 */
	void awaitOutput(String text) throws Exception {
		this.process.awaitOutput(text, TIMEOUT);
	}

	static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return get(this.port, path);
	}

	/**
	 * Wait for the process to end by itself.
	 * @return its exit status
	 */
	int awaitExit() throws Exception {
		return this.process.awaitExit(TIMEOUT);
	}

	static boolean listening(int port) {
		return LoopbackPorts.isListening(port);
	}

	String output() throws IOException {
		return this.process.output();
	}

	@Override
	public void close() throws Exception {
		this.process.close();
	}

	/**
	 * The test class path without the other web servers, its jars linked into a directory that any
	 * user may read (the local Maven repository may not be), since the application keeps loading
	 * classes after it dropped to nobody.
	 */
	private static String classPath(Server server) {
		String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		try {
			Path directory = Files.createTempDirectory("privileged-classpath-");
			// Kept for every test of this JVM that runs the same server, deleted when the JVM ends.
			Runtime.getRuntime()
				.addShutdownHook(new Thread(() -> TemporaryDirectories.delete(directory), "delete-" + directory.getFileName()));
			directory.toFile().setReadable(true, false);
			directory.toFile().setExecutable(true, false);
			List<String> entries = new ArrayList<>();
			for (String entry : testClassPath.split(File.pathSeparator)) {
				Path path = Path.of(entry);
				String name = path.getFileName().toString();
				if (Arrays.stream(server.excluded).anyMatch(name::startsWith)) {
					continue;
				}
				if (Files.isDirectory(path)) {
					entries.add(entry);
					continue;
				}
				Path link = directory.resolve(entries.size() + "-" + name);
				try {
					Files.createLink(link, path);
				}
				catch (IOException | UnsupportedOperationException ex) {
					Files.copy(path, link, StandardCopyOption.REPLACE_EXISTING);
				}
				entries.add(link.toString());
			}
			return String.join(File.pathSeparator, entries);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The web server a child JVM runs on, and the jars that must not be on its class path.
	 */
	enum Server {

		TOMCAT("TomcatWebServer", "jetty-", "spring-boot-jetty", "spring-boot-starter-jetty", "spring-webflux",
				"spring-boot-webflux", "spring-boot-starter-webflux", "reactor-netty", "spring-boot-reactor-netty",
				"spring-boot-starter-reactor-netty"),

		JETTY("JettyServletWebServer", "tomcat-embed-core", "tomcat-embed-websocket", "spring-boot-tomcat",
				"spring-boot-starter-tomcat", "spring-webflux", "spring-boot-webflux", "spring-boot-starter-webflux",
				"reactor-netty", "spring-boot-reactor-netty", "spring-boot-starter-reactor-netty"),

		REACTOR_NETTY("NettyWebServer", "tomcat-embed-core", "tomcat-embed-websocket", "spring-boot-tomcat",
				"spring-boot-starter-tomcat", "jetty-", "spring-boot-jetty", "spring-boot-starter-jetty",
				"spring-webmvc", "spring-boot-webmvc", "spring-boot-starter-webmvc");

		final String webServerClass;

		final String[] excluded;

		Server(String webServerClass, String... excluded) {
			this.webServerClass = webServerClass;
			this.excluded = excluded;
		}

	}

}
