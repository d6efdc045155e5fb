package org.slimta.system.internal.daemon;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class JvmCommandLineTests {

	@Test
	void splitsTheNulSeparatedArguments() {
		byte[] cmdline = "java\0-jar\0app.jar\0--server.port=80\0".getBytes(StandardCharsets.UTF_8);
		assertThat(JvmCommandLine.parse(cmdline)).containsExactly("java", "-jar", "app.jar", "--server.port=80");
	}

	@Test
	void keepsEmptyArguments() {
		byte[] cmdline = "java\0\0x\0".getBytes(StandardCharsets.UTF_8);
		assertThat(JvmCommandLine.parse(cmdline)).containsExactly("java", "", "x");
	}

	@Test
	void addsJvmOptionsRightAfterTheProgramName() {
		JvmCommandLine commandLine = new JvmCommandLine("/usr/bin/java", List.of("java", "-Xmx64m", "-jar", "app.jar"));
		assertThat(commandLine.withJvmOptions(List.of("-Xrs", "-Da=b")).arguments()).containsExactly("java", "-Xrs",
				"-Da=b", "-Xmx64m", "-jar", "app.jar");
		assertThat(commandLine.withJvmOptions(List.of("-Xrs")).executable()).isEqualTo("/usr/bin/java");
	}

	@Test
	void makesTheJvmsRelativePathsAbsoluteButNotTheApplicationsArguments() {
		JvmCommandLine jar = new JvmCommandLine("/usr/bin/java",
				List.of("java", "-javaagent:agent.jar=opt", "-jar", "target/app.jar", "--file=rel.txt", "-cp", "x"));
		assertThat(jar.withAbsolutePaths(Path.of("/srv")).arguments()).containsExactly("java",
				"-javaagent:/srv/agent.jar=opt", "-jar", "/srv/target/app.jar", "--file=rel.txt", "-cp", "x");
		JvmCommandLine classes = new JvmCommandLine("/usr/bin/java",
				List.of("java", "-cp", "classes:/opt/lib/a.jar", "-Xmx1g", "com.example.App", "-cp", "y"));
		assertThat(classes.withAbsolutePaths(Path.of("/srv")).arguments()).containsExactly("java", "-cp",
				"/srv/classes:/opt/lib/a.jar", "-Xmx1g", "com.example.App", "-cp", "y");
	}

	@Test
	void findsADebuggerOnTheCommandLineOrInTheLauncherVariables() {
		JvmCommandLine plain = new JvmCommandLine("/usr/bin/java", List.of("java", "-jar", "app.jar"));
		JvmCommandLine debugged = new JvmCommandLine("/usr/bin/java",
				List.of("java", "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n", "-jar", "app.jar"));
		assertThat(plain.hasDebugger(Map.of())).isFalse();
		assertThat(debugged.hasDebugger(Map.of())).isTrue();
		assertThat(plain.hasDebugger(Map.of("JAVA_TOOL_OPTIONS", "-Xrunjdwp:transport=dt_socket"))).isTrue();
		assertThat(plain.hasDebugger(Map.of("JDK_JAVA_OPTIONS", "-Xmx1g"))).isFalse();
	}

	@Test
	void readsThisJvmsOwnCommandLine() throws Exception {
		assumeTrue(Files.isReadable(Path.of("/proc/self/cmdline")), "needs Linux /proc");
		JvmCommandLine current = JvmCommandLine.current();
		assertThat(Path.of(current.executable())).isEqualTo(Path.of(ProcessHandle.current().info().command().orElseThrow()));
		assertThat(current.arguments().get(0)).endsWith("java");
		assertThat(current.arguments()).containsAll(ProcessHandle.current().info().arguments().map(List::of).orElseThrow());
	}

}
