package org.slimta.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.signal.Signal;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the relaunch for signalfd is decided: at the first moment of the JVM, on
 * {@code slimta.system.*} from the command line, the environment and the configuration files of
 * the working directory (profiles and imports included); and what the packaged sample
 * application does when Spring Boot's final configuration says otherwise
 * ({@code SPRING_APPLICATION_JSON}, which the first moment does not read). Real child JVMs started in a directory of their own, checked from
 * outside: the command line in {@code /proc}, health, log lines and exit statuses.
 */
class RelaunchDecisionIT {

	private static final Pattern RELAUNCHED_AFTER = Pattern.compile("the JVM was relaunched for it (\\d+) ms after the process started");

	@TempDir
	Path directory;

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("signalfd and /proc exist only on Linux");
	}

	// Without the file, the JVM is relaunched: withoutConfigurationTheJvmIsRelaunchedAndAddsOnlyTheReaderThread.
	@Test
	void relaunchFalseInTheWorkingDirectorysApplicationYmlKeepsTheJvmAsItWas() throws Exception {
		write("config/application.yml", "slimta:\n  system:\n    signals:\n      relaunch: false\n");
		assertThat(startAndTerminate("jdk")).contains("slimta.system.signals.relaunch is false")
			.doesNotContain("relaunched for");
	}

	@Test
	void aProfileNamedOnTheCommandLineDecidesThroughItsOwnFile() throws Exception {
		write("config/application-plain.yml", "slimta.system.signals.backend: jdk\n");
		startAndTerminate("jdk", "--spring.profiles.active=plain");
		startAndTerminate("signalfd", "--spring.profiles.active=other");
	}

	@Test
	void aProfileActivatedInApplicationYmlAndAnImportedFileDecideToo() throws Exception {
		write("config/application.yml", "spring.profiles.active: plain\n");
		write("config/application-plain.yml", "spring.config.import: optional:file:./imported.yml\n");
		write("imported.yml", "slimta:\n  system:\n    signals:\n      backend: jdk\n");
		startAndTerminate("jdk");
		startAndTerminate("signalfd", "--spring.profiles.active=other");
	}

	// The same setting where the start-up reads it, on the command line, relaunches nothing and the JVM's handlers
	// take the signals: withoutConfigurationTheJvmIsRelaunchedAndAddsOnlyTheReaderThread.
	@Test
	void aBackendOfSpringApplicationJsonIsReadOnlyOnceRelaunchedAndSaidSo() throws Exception {
		Map<String, String> json = Map.of("SPRING_APPLICATION_JSON", "{\"slimta.system.signals.backend\":\"jdk\"}");
		try (SampleAppProcess app = SampleAppProcess.startIn(this.directory, json)) {
			app.awaitHttp();
			assertThat(app.commandLine()).contains("-Xrs");
			assertThat(signals(app)).isEqualTo("signalfd");
			assertThat(app.output()).contains("The JVM was relaunched for signalfd before slimta.system.signals.backend=jdk")
				.contains("SPRING_APPLICATION_JSON")
				.contains("published as SignalEvents");
			long before = hangups(app);
			app.signal(Signal.SIGHUP);
			awaitHangups(app, before + 1);
			app.signal(Signal.SIGTERM);
			assertThat(app.awaitExit()).isEqualTo(143);
		}
	}

	@Test
	void signalsDisabledInSpringApplicationJsonEndTheJvmOnHangupAsItsOwnHandlersWould() throws Exception {
		Map<String, String> json = Map.of("SPRING_APPLICATION_JSON", "{\"slimta\":{\"system\":{\"signals\":{\"enabled\":false}}}}");
		try (SampleAppProcess app = SampleAppProcess.startIn(this.directory, json)) {
			app.awaitHttp();
			assertThat(app.commandLine()).contains("-Xrs");
			assertThat(app.output()).contains("before slimta.system.signals.enabled=false")
				.contains("end the JVM as its own handlers would");
			app.signal(Signal.SIGHUP);
			assertThat(app.awaitExit()).isEqualTo(129);
		}
		write("config/application.yml", "slimta.system.signals.enabled: false\n");
		try (SampleAppProcess app = SampleAppProcess.startIn(this.directory)) {
			app.awaitHttp();
			assertThat(app.commandLine()).doesNotContain("-Xrs");
			app.signal(Signal.SIGHUP);
			assertThat(app.awaitExit()).isEqualTo(129);
		}
	}

	@Test
	void signalfdAskedForInSpringApplicationJsonRelaunchesLateAndSaysWhere() throws Exception {
		write("config/application.yml", "slimta.system.signals.backend: jdk\n");
		Map<String, String> json = Map.of("SPRING_APPLICATION_JSON", "{\"slimta.system.signals.backend\":\"signalfd\"}");
		try (SampleAppProcess app = SampleAppProcess.startIn(this.directory, json)) {
			app.awaitHttp();
			assertThat(signals(app)).isEqualTo("signalfd");
			assertThat(app.commandLine()).contains("-Xrs");
			assertThat(app.output()).contains("The JVM was relaunched for signalfd only once the configuration files were read")
				.contains("slimta.system.signals.backend=signalfd")
				.contains("SPRING_APPLICATION_JSON");
			app.signal(Signal.SIGTERM);
			assertThat(app.awaitExit()).isEqualTo(143);
		}
	}

	@Test
	void anEmptyShutdownOnInApplicationYmlIsReadAtTheFirstMomentAsSpringBootBindsIt() throws Exception {
		write("config/application.yml",
				"slimta:\n  system:\n    signals:\n      handled: SIGHUP\n      shutdown-on:\n");
		// SIGTERM is not taken: its default action ends the JVM with 143, as the JVM's own handlers do.
		assertThat(startAndTerminate("signalfd")).contains("the JVM was relaunched for it")
			.doesNotContain("only once the configuration files were read")
			.doesNotContain("could not read slimta.system");
		assertThat(startAndTerminate("jdk", "--slimta.system.signals.backend=jdk")).doesNotContain("relaunched for");
	}

	// In an empty directory: the JVM with signals.backend=jdk on its command line (not relaunched, the JVM's
	// handlers) against the one without (relaunched for signalfd); jcmd works on both.
	@Test
	void withoutConfigurationTheJvmIsRelaunchedAndAddsOnlyTheReaderThread() throws Exception {
		Set<String> jdk;
		try (SampleAppProcess app = SampleAppProcess.startIn(this.directory, "--slimta.system.signals.backend=jdk")) {
			app.awaitHttp();
			// Before jcmd, which starts the attach listener of a JVM without -Xrs.
			jdk = threadNames(app);
			assertThat(jcmdThreadPrint(app)).contains("\"Signal Dispatcher\"");
			assertThat(terminate(app, "jdk")).doesNotContain("The JVM was relaunched");
		}
		try (SampleAppProcess app = SampleAppProcess.startIn(this.directory)) {
			app.awaitHttp();
			assertThat(app.commandLine()).contains("-Xrs").noneMatch((argument) -> argument.contains("StartAttachListener"));
			Set<String> signalfd = threadNames(app);
			assertThat(jcmdThreadPrint(app)).contains("\"slimta-signals\"").contains("\"Attach Listener\"");
			Set<String> added = new TreeSet<>(signalfd);
			added.removeAll(jdk);
			Set<String> gone = new TreeSet<>(jdk);
			gone.removeAll(signalfd);
			// -Xrs starts the attach listener in place of the signal dispatcher.
			assertThat(added).containsExactly("Attach Listener", "slimta-signals");
			assertThat(gone).containsExactly("Signal Dispatch");
			Matcher relaunched = RELAUNCHED_AFTER.matcher(terminate(app, "signalfd"));
			assertThat(relaunched.find()).isTrue();
			assertThat(Long.parseLong(relaunched.group(1))).isPositive();
		}
	}

	// Distinct names, digits (ports, numbers) aside, without the collector's threads, whose number follows the load.
	private static Set<String> threadNames(SampleAppProcess app) throws Exception {
		Set<String> names = new TreeSet<>();
		for (String thread : ProcProcess.of(app.pid()).threadNames()) {
			String name = thread.replaceAll("\\d", "#");
			if (!name.startsWith("GC Thread") && !name.startsWith("G1 ")) {
				names.add(name);
			}
		}
		return names;
	}

	private static String jcmdThreadPrint(SampleAppProcess app) throws Exception {
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(app.pid()), "Thread.print").redirectErrorStream(true).start();
		String dump = new String(jcmd.getInputStream().readAllBytes());
		assertThat(jcmd.waitFor()).as(dump).isZero();
		assertThat(dump).contains("Full thread dump");
		return dump;
	}

	// Relaunched exactly where signalfd is the backend, and ended by SIGTERM with 143: the output.
	private String startAndTerminate(String backend, String... args) throws Exception {
		try (SampleAppProcess app = SampleAppProcess.startIn(this.directory, args)) {
			app.awaitHttp();
			return terminate(app, backend);
		}
	}

	private static String terminate(SampleAppProcess app, String backend) throws Exception {
		assertThat(signals(app)).isEqualTo(backend);
		if (backend.equals("signalfd")) {
			assertThat(app.commandLine()).contains("-Xrs");
		}
		else {
			assertThat(app.commandLine()).doesNotContain("-Xrs");
		}
		app.signal(Signal.SIGTERM);
		assertThat(app.awaitExit()).isEqualTo(143);
		return app.output();
	}

	private void write(String name, String content) throws Exception {
		Path file = this.directory.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

	private static String signals(SampleAppProcess app) throws Exception {
		return JsonPath.read(app.get("/actuator/health").body(), "$.components.slimta.details.signals");
	}

	private static long hangups(SampleAppProcess app) throws Exception {
		Map<String, Number> counts = JsonPath.read(app.get("/signals").body(), "$.counts");
		return counts.getOrDefault("SIGHUP", 0).longValue();
	}

	private static void awaitHangups(SampleAppProcess app, long expected) throws Exception {
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (hangups(app) < expected) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("SIGHUP not published:\n" + app.output());
			}
			Thread.sleep(50);
		}
	}

}
