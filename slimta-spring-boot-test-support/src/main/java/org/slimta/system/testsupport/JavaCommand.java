package org.slimta.system.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@code java} command to run as a child JVM: what it runs (a jar, or a main class on a class
 * path), its options, arguments, environment and working directory, where its output goes, and how
 * long {@link JavaProcess#close()} lets it end on SIGTERM before it is killed.
 */
public final class JavaCommand {

	// What the build asks of every child JVM of the tests (the surefire and failsafe configuration of
	// the parent pom: C1 only, as the children are short-lived), never of the benchmarks' JVMs.
	private static final List<String> CHILD_JVM_OPTIONS = Arrays
		.stream(System.getProperty("testsupport.child-jvm-options", "").split("\\s+"))
		.filter((option) -> !option.isEmpty())
		.toList();

	private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

	private final List<String> launch;

	private final List<String> wrapper = new ArrayList<>();

	private final List<String> options = new ArrayList<>();

	private final List<String> arguments = new ArrayList<>();

	private final Map<String, String> environment = new LinkedHashMap<>();

	private Path directory;

	private String name = "java";

	private Output output = Output.SEPARATE;

	private Path log;

	private Consumer<String> lines;

	private Duration closeGrace = Duration.ofSeconds(10);

	private Starter starter = ProcessBuilder::start;

	private JavaCommand(List<String> launch) {
		this.launch = List.copyOf(launch);
	}

	/**
	 * Run an executable jar: {@code java -jar <jar>}.
	 * @param jar the jar
	 * @return the command
	 */
	public static JavaCommand jar(Path jar) {
		return new JavaCommand(List.of("-jar", jar.toString()));
	}

	/**
	 * Run a main class: {@code java -cp <classPath> <mainClass>}.
	 * @param classPath the class path
	 * @param mainClass the main class's name
	 * @return the command
	 */
	public static JavaCommand mainClass(String classPath, String mainClass) {
		return new JavaCommand(List.of("-cp", classPath, mainClass));
	}

	/**
	 * Run what the launch options say, for example {@code -Xmx64m -jar app.jar}.
	 * @param launch the options, ending with what to run
	 * @return the command
	 */
	public static JavaCommand launch(List<String> launch) {
		return new JavaCommand(launch);
	}

	/**
	 * Run {@code java} through another program that runs the command it is given, for example
	 * {@code setpriv ...} or {@code unshare --pid --fork}.
	 * @param wrapper the program and its arguments
	 * @return this command
	 */
	public JavaCommand wrappedIn(List<String> wrapper) {
		this.wrapper.addAll(wrapper);
		return this;
	}

	/**
	 * Add JVM options, which come before what is run.
	 * @param options the options
	 * @return this command
	 */
	public JavaCommand options(List<String> options) {
		this.options.addAll(options);
		return this;
	}

	/**
	 * Add JVM options, which come before what is run.
	 * @param options the options
	 * @return this command
	 */
	public JavaCommand options(String... options) {
		return options(List.of(options));
	}

	/**
	 * Add application arguments.
	 * @param arguments the arguments
	 * @return this command
	 */
	public JavaCommand arguments(List<String> arguments) {
		this.arguments.addAll(arguments);
		return this;
	}

	/**
	 * Add application arguments.
	 * @param arguments the arguments
	 * @return this command
	 */
	public JavaCommand arguments(String... arguments) {
		return arguments(List.of(arguments));
	}

	/**
	 * Add environment variables to those of this process.
	 * @param environment the variables
	 * @return this command
	 */
	public JavaCommand environment(Map<String, String> environment) {
		this.environment.putAll(environment);
		return this;
	}

	/**
	 * Run in another working directory than this process's.
	 * @param directory the directory
	 * @return this command
	 */
	public JavaCommand directory(Path directory) {
		this.directory = directory;
		return this;
	}

	/**
	 * Name the temporary files of the output after what runs.
	 * @param name for example {@code sample-app}
	 * @return this command
	 */
	public JavaCommand named(String name) {
		this.name = name;
		return this;
	}

	/**
	 * Capture standard error together with standard output, in one temporary file and in the order
	 * written, rather than each in its own.
	 * @return this command
	 */
	public JavaCommand mergeErrors() {
		this.output = Output.MERGED;
		return this;
	}

	/**
	 * Write standard output and error together to a file that is kept after the process ends.
	 * @param log the file
	 * @return this command
	 */
	public JavaCommand outputTo(Path log) {
		this.output = Output.LOG;
		this.log = log;
		return this;
	}

	/**
	 * Hand each line of standard output and error, together, to a consumer as soon as it is
	 * written; the lines are kept in memory for {@link JavaProcess#output()} as well.
	 * @param lines the consumer, called on a thread of its own
	 * @return this command
	 */
	public JavaCommand outputLines(Consumer<String> lines) {
		this.output = Output.LINES;
		this.lines = lines;
		return this;
	}

	/**
	 * How long {@link JavaProcess#close()} lets the process end on SIGTERM before it kills it.
	 * @param closeGrace the time
	 * @return this command
	 */
	public JavaCommand closeGrace(Duration closeGrace) {
		this.closeGrace = closeGrace;
		return this;
	}

	/**
	 * Start the process with another launcher than {@link ProcessBuilder#start()}, for example one
	 * that resets the child's signal state.
	 * @param starter the launcher
	 * @return this command
	 */
	public JavaCommand startedBy(Starter starter) {
		this.starter = starter;
		return this;
	}

	/**
	 * The command line.
	 * @return the wrapper, {@code java}, the options, what is run and the arguments
	 */
	public List<String> commandLine() {
		return commandLine(List.of());
	}

	private List<String> commandLine(List<String> firstOptions) {
		List<String> command = new ArrayList<>(this.wrapper);
		command.add(JAVA.toString());
		command.addAll(firstOptions);
		command.addAll(this.options);
		command.addAll(this.launch);
		command.addAll(this.arguments);
		return command;
	}

	/**
	 * Start the process.
	 * @return the running process, to close when done with it
	 * @throws IOException if it cannot be started
	 */
	public JavaProcess start() throws IOException {
		// A java.io.tmpdir of the child's own, deleted with it: what its JVM, web server or native
		// library leaves there (jffi's stub, Tomcat's and Jetty's work directories) goes too. First, so
		// that a test's own -Djava.io.tmpdir wins.
		Path temporary = Files.createTempDirectory(this.name + "-tmp-");
		// As /tmp is: a child that drops privileges (or starts as another user) writes there too.
		Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxrwxrwx"));
		List<String> first = new ArrayList<>(List.of("-Djava.io.tmpdir=" + temporary));
		first.addAll(CHILD_JVM_OPTIONS);
		List<String> commandLine = commandLine(first);
		ProcessBuilder builder = new ProcessBuilder(commandLine);
		builder.environment().putAll(this.environment);
		if (this.directory != null) {
			builder.directory(this.directory.toFile());
		}
		CapturedOutput captured = switch (this.output) {
			case SEPARATE -> CapturedOutput.separateFiles(builder, this.name);
			case MERGED -> CapturedOutput.mergedFile(builder, this.name);
			case LOG -> CapturedOutput.log(builder, this.log);
			case LINES -> CapturedOutput.lines(builder, this.lines);
		};
		Process process;
		try {
			process = this.starter.start(builder);
		}
		catch (IOException | RuntimeException ex) {
			captured.delete();
			TemporaryDirectories.delete(temporary);
			throw ex;
		}
		captured.follow(process);
		return new JavaProcess(process, captured, this.closeGrace, commandLine, temporary);
	}

	/**
	 * Starts a {@link ProcessBuilder}'s command.
	 */
	@FunctionalInterface
	public interface Starter {

		/**
		 * Start the command.
		 * @param builder the command, its environment, directory and redirects
		 * @return the child
		 * @throws IOException if it cannot be started
		 */
		Process start(ProcessBuilder builder) throws IOException;

	}

	private enum Output {

		SEPARATE, MERGED, LOG, LINES

	}

}
