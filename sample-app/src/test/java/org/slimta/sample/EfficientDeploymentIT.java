package org.slimta.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.signal.ChildProcessLauncher;
import org.slimta.system.testsupport.JavaCommand;
import org.slimta.system.testsupport.JavaProcess;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's recipe for an efficient deployment, with the starter, on the JDK that runs the
 * build: the jar extracted with {@code -Djarmode=tools}, a training run
 * ({@code -Dspring.context.exit=onRefresh}) that writes an AOT cache (JDK 25) or a CDS archive
 * (JDK 17 to 24), then a start that must map it ({@code -XX:AOTMode=on}, {@code -Xshare:on}: a JVM
 * that cannot map it does not start), in the first JVM and in the one relaunched for signalfd alike.
 * The same with {@code signals.backend=jdk}, which relaunches nothing, in the same test.
 */
class EfficientDeploymentIT {

	private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;

	private static final Duration TRAINING = Duration.ofSeconds(120);

	// Extracted once for every test; each writes files of its own names.
	@TempDir
	static Path directory;

	private static Path jar;

	@BeforeAll
	static void extract() throws Exception {
		Linux.assumeLinux("signalfd and /proc exist only on Linux");
		Path application = directory.resolve("application");
		try (JavaProcess extract = JavaCommand
			.launch(List.of("-Djarmode=tools", "-jar", SampleAppProcess.jar().toAbsolutePath().toString()))
			.arguments("extract", "--destination", application.toString())
			.named("extract")
			.start()) {
			assertThat(extract.awaitExit(TRAINING)).as("%s", extract).isZero();
		}
		jar = application.resolve(SampleAppProcess.jar().getFileName());
		assertThat(jar).isRegularFile();
	}

	@EachSignalBackend
	void aTrainingRunWritesAnArchiveThatBothJvmsMap(String backend) throws Exception {
		Path archive = directory.resolve(backend + (AOT_CACHE ? ".aot" : ".jsa"));
		String training = train(archive, "--slimta.system.signals.backend=" + backend);
		assertThat(training).doesNotContain("[error]");
		List<String> options = new ArrayList<>(archiveOptions(archive));
		options.add(AOT_CACHE ? "-XX:AOTMode=on" : "-Xshare:on");
		try (SampleAppProcess app = SampleAppProcess.startJar(options, jar,
				"--slimta.system.signals.backend=" + backend)) {
			app.awaitHttp();
			String signals = JsonPath.read(app.get("/actuator/health").body(), "$.components.slimta.details.signals");
			assertThat(signals).isEqualTo(backend.equals("jdk") ? "jdk" : "signalfd");
			assertThat(addedByTheRelaunch(app.startedCommandLine(), app.commandLine())).allSatisfy(
					(option) -> assertThat(option).matches("-Xrs|-Dorg\\.slimta\\.system\\.prepared(\\.[a-z-]+)?=.*"));
			assertThat(app.terminate()).isEqualTo(143);
			assertThat(app.output()).doesNotContain("[error][aot]", "[warning][aot]", "[error][cds]", "[warning][cds]")
				.contains("Started SampleApplication");
		}
	}

	@Test
	void aDaemonsTrainingRunStaysInTheForegroundAndLeavesNoPidFile() throws Exception {
		Path archive = directory.resolve(AOT_CACHE ? "daemon.aot" : "daemon.jsa");
		Path pidFile = directory.resolve("daemon.pid");
		String training = train(archive, "--slimta.system.daemon.enabled=true",
				"--slimta.system.daemon.pid-file=" + pidFile,
				"--slimta.system.daemon.stdout=" + directory.resolve("daemon.out"));
		assertThat(training).contains("not detaching: spring.context.exit=onRefresh makes this a training run")
			.doesNotContain("detached: pid");
		assertThat(pidFile).doesNotExist();
		assertThat(directory.resolve("daemon.out")).doesNotExist();
		assertThat(processesNaming(pidFile)).isEmpty();
	}

	// The training run ends by itself, with status 0 and the archive written.
	private String train(Path archive, String... args) throws Exception {
		List<String> launch = new ArrayList<>(trainingOptions(archive));
		launch.addAll(List.of("-Dspring.context.exit=onRefresh", "-jar", jar.toString()));
		try (JavaProcess training = JavaCommand.launch(launch)
			.arguments("--server.port=0", "--server.address=127.0.0.1")
			.arguments(args)
			.named("training")
			.mergeErrors()
			.startedBy(new ChildProcessLauncher()::start)
			.start()) {
			int status = training.awaitExit(TRAINING);
			String output = training.output();
			assertThat(status).as(output).isZero();
			assertThat(archive).isRegularFile();
			return output;
		}
	}

	private static List<String> trainingOptions(Path archive) {
		return List.of(AOT_CACHE ? "-XX:AOTCacheOutput=" + archive : "-XX:ArchiveClassesAtExit=" + archive);
	}

	private static List<String> archiveOptions(Path archive) {
		return List.of(AOT_CACHE ? "-XX:AOTCache=" + archive : "-XX:SharedArchiveFile=" + archive);
	}

	// What the running command line has beyond the one started, whose order it keeps; the executable aside.
	private static List<String> addedByTheRelaunch(List<String> started, List<String> running) {
		List<String> added = new ArrayList<>();
		int next = 1;
		for (String argument : running.subList(1, running.size())) {
			if (next < started.size() && argument.equals(started.get(next))) {
				next++;
			}
			else {
				added.add(argument);
			}
		}
		assertThat(next).as("%s runs all of %s", running, started).isEqualTo(started.size());
		return added;
	}

	private static List<Long> processesNaming(Path pidFile) throws IOException {
		try (Stream<ProcessHandle> processes = ProcessHandle.allProcesses()) {
			return processes.filter((process) -> {
				try {
					return ProcProcess.of(process.pid()).commandLine().stream().anyMatch((argument) -> argument.contains(pidFile.toString()));
				}
				catch (IOException | RuntimeException ex) {
					return false;
				}
			}).map(ProcessHandle::pid).toList();
		}
	}

}
