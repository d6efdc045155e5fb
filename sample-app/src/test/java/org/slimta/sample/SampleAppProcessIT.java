package org.slimta.sample;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar, started with {@code java -jar} in a child JVM.
 */
class SampleAppProcessIT {

	@Test
	void startsFromTheJarAndReportsItsOwnPidInHealth() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start()) {
			app.awaitHttp();
			String health = app.get("/actuator/health").body();
			assertThat(JsonPath.<String>read(health, "$.components.slimta.status")).isEqualTo("UP");
			assertThat(JsonPath.<Number>read(health, "$.components.slimta.details.pid").longValue())
				.isEqualTo(app.pid());
			assertThat(app.get("/ids?count=3").body()).matches("\\[(\"[0-9a-f-]{36}\",?){3}]");
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			slimta.system.signals.handled=HUP,SIGFOO   | unknown signal 'SIGFOO'                 | SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGTERM
			slimta.system.signals.shutdown-on=TERM,KILL | unknown signal 'KILL'                  | SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGTERM
			slimta.system.daemon.umask=0999            | '0999' is not an octal umask             | an octal number from 0 to 0777
			slimta.system.daemon.ready-timeout=0s      | the timeout must be positive             | a positive duration
			slimta.system.uuid.version=5               | unsupported UUID version 5               | 1, 4, 7
			slimta.system.signals.backend=epoll        | not one of the accepted values           | 'auto', 'signalfd', 'jdk'
			""")
	void refusesToStartWithAnInvalidPropertyAndSaysHowToFixIt(String setting, String problem, String accepted)
			throws Exception {
		String property = setting.substring(0, setting.indexOf('='));
		try (SampleAppProcess app = SampleAppProcess.start("--" + setting)) {
			assertThat(app.awaitExit()).isNotZero();
			String output = app.output();
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("Invalid value for property '" + property + "'")
				.contains(problem)
				.contains("Set '" + property + "' to")
				.contains(accepted);
			assertThat(app.portListening()).isFalse();
		}
	}

}
