package org.slimta.sample;

import java.nio.charset.Charset;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Configurations that must stop the packaged jar before anything listens, with a failure
 * analysis that names the property and the fix, rather than run with a setting silently lost.
 */
class PropertyFailuresIT {

	@Test
	void refusesSigusr2AsAHandledSignal() throws Exception {
		String output = failedStart("--slimta.system.signals.handled=HUP,INT,TERM,USR1,USR2");
		assertThat(output).contains("Invalid value for property 'slimta.system.signals.handled': \"HUP,INT,TERM,USR1,USR2\"")
			.contains("SIGUSR2 is HotSpot's own signal")
			.contains("Set 'slimta.system.signals.handled' to a comma-separated list of SIGHUP, SIGINT, SIGQUIT, SIGUSR1 or SIGTERM without SIGUSR2")
			.contains("use SIGUSR1");
	}

	@Test
	void refusesAShutdownSignalThatIsNotHandled() throws Exception {
		String output = failedStart("--slimta.system.signals.shutdown-on=SIGUSR1");
		assertThat(output).contains("Property 'slimta.system.signals.shutdown-on' (SIGUSR1) names SIGUSR1, which "
				+ "'slimta.system.signals.handled' (SIGHUP, SIGINT, SIGTERM) does not take over.")
			.contains("Add SIGUSR1 to 'slimta.system.signals.handled', or remove it from 'slimta.system.signals.shutdown-on'");
	}

	@Test
	void refusesAMisspeltPropertyRatherThanRunAsRoot() throws Exception {
		String output = failedStart("--slimta.system.privilges.user=mail");
		assertThat(output).contains("Unknown property under 'slimta.system'")
			.contains("'slimta.system.privilges.user': \"mail\" (from \"slimta.system.privilges.user\" from property source \"commandLineArgs\")")
			.contains("Rename 'slimta.system.privilges.user' to 'slimta.system.privileges.user', or remove it.");
	}

	@Test
	void quotesAVeryLongUserCutEverywhere() throws Exception {
		String user = "a".repeat(100_000);
		String output = failedStart("--slimta.system.privileges.user=" + user);
		// Cut to 60 characters and an ellipsis (a question mark where the locale's charset has none).
		assertThat(output).containsPattern("Invalid value for property 'slimta.system.privileges.user': \"a{60}\\S\"")
			.containsPattern("no user 'a{60}\\S' in the user database")
			.doesNotContain("a".repeat(61))
			.hasSizeLessThan(20_000);
	}

	@Test
	void refusesASignalNameThatIsOnlyAsciiOnceUpperCased() throws Exception {
		String dotlessI = "\u0131";
		assumeTrue(Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")).newEncoder().canEncode(dotlessI),
				"the locale's charset cannot pass a dotless i on the command line (run with a UTF-8 locale)");
		String output = failedStart("--slimta.system.signals.handled=HUP," + dotlessI + "nt,TERM");
		assertThat(output).contains("Invalid value for property 'slimta.system.signals.handled'")
			.contains("unknown signal '" + dotlessI + "nt': signal names are ASCII, and '" + dotlessI + "' (U+0131) is not")
			.contains("Set 'slimta.system.signals.handled' to a comma-separated list of SIGHUP");
	}

	private static String failedStart(String... args) throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start(args)) {
			// Watched while it runs: failing after the port opened would be too late.
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			ProcessHandle process = ProcessHandle.of(app.pid()).orElseThrow();
			while (process.isAlive() && System.nanoTime() < deadline) {
				assertThat(app.portListening()).as("port %d listening", app.port()).isFalse();
				Thread.sleep(50);
			}
			assertThat(app.awaitExit()).isNotZero();
			assertThat(app.portListening()).isFalse();
			String output = app.output();
			assertThat(output).contains("APPLICATION FAILED TO START").doesNotContain("Started SampleApplication");
			// Found before logging is set up or after, each failure reads in the application's log format.
			assertThat(output).containsPattern("(?m)^\\d{4}-\\d{2}-\\d{2}T\\S+ ERROR \\d+ --- .*LoggingFailureAnalysisReporter\\s*:")
				.doesNotContain("LoggingFailureAnalysisReporter -- ");
			return output;
		}
	}

}
