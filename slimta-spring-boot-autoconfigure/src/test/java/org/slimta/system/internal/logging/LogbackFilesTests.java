package org.slimta.system.internal.logging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.internal.logging.LogFileReopening.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

class LogbackFilesTests {

	private final LoggerContext context = new LoggerContext();

	private final Logger logger = this.context.getLogger("test");

	@TempDir
	Path directory;

	@BeforeEach
	void mdc() {
		this.context.setMDCAdapter(new LogbackMDCAdapter());
	}

	@AfterEach
	void stop() {
		this.context.stop();
	}

	@Test
	void reopensARollingFileAtItsPathAfterItWasMoved() throws Exception {
		Path file = this.directory.resolve("app.log");
		RollingFileAppender<ILoggingEvent> appender = rollingFile(file);
		this.logger.info("before");
		Path moved = this.directory.resolve("app.log.1");
		Files.move(file, moved);
		assertThat(new LogbackFiles(this.context).reopen())
			.containsExactly(LogFileReopening.reopened("FILE", file.toString()));
		this.logger.info("after");
		assertThat(Files.readAllLines(moved)).containsExactly("before");
		assertThat(Files.readAllLines(file)).containsExactly("after");
		assertThat(appender.isStarted()).isTrue();
		assertThat(appender.getRollingPolicy().isStarted()).isTrue();
	}

	@Test
	void countsTheNewFileForItsSizePolicy() throws Exception {
		Path file = this.directory.resolve("app.log");
		RollingFileAppender<ILoggingEvent> appender = rollingFile(file);
		for (int i = 0; i < 100; i++) {
			this.logger.info("line " + i);
		}
		Files.move(file, this.directory.resolve("app.log.1"));
		new LogbackFiles(this.context).reopen();
		this.logger.info("after");
		assertThat(appender.getTriggeringPolicy().getLengthCounter().getLength()).isEqualTo(Files.size(file));
	}

	@Test
	void reopensAFileBehindAnAsyncAppender() throws Exception {
		Path file = this.directory.resolve("async.log");
		FileAppender<ILoggingEvent> appender = new FileAppender<>();
		appender.setFile(file.toString());
		AsyncAppender async = new AsyncAppender();
		async.setContext(this.context);
		async.setName("ASYNC");
		async.addAppender(start(appender, "FILE"));
		async.start();
		this.logger.addAppender(async);
		this.logger.info("before");
		Path moved = this.directory.resolve("async.log.1");
		Files.move(file, moved);
		assertThat(new LogbackFiles(this.context).reopen()).extracting(LogFileReopening::outcome)
			.containsExactly(Outcome.REOPENED);
		this.logger.info("after");
		async.stop();
		// "before" waited in the queue, so it may have been written before the move or after the reopen.
		assertThat(Files.readAllLines(file)).endsWith("after");
		assertThat(RotationUnderLoad.linesIn(this.directory)).containsExactlyInAnyOrder("before", "after");
	}

	@Test
	void keepsWritingToTheFileItHadWhenTheNewOneCannotBeOpened() throws Exception {
		Path file = this.directory.resolve("app.log");
		rollingFile(file);
		Path moved = this.directory.resolve("app.log.1");
		Files.move(file, moved);
		// A directory where the file should be: it cannot be opened, whoever runs the test.
		Files.createDirectory(file);
		List<LogFileReopening> reopened = new LogbackFiles(this.context).reopen();
		assertThat(reopened).singleElement().satisfies((reopening) -> {
			assertThat(reopening.outcome()).isEqualTo(Outcome.FAILED);
			assertThat(reopening.failure()).hasMessageContaining(file.toString());
		});
		this.logger.info("after");
		assertThat(Files.readAllLines(moved)).containsExactly("after");
	}

	@Test
	void losesNoLineWhileOtherThreadsLog() throws Exception {
		Path file = this.directory.resolve("app.log");
		rollingFile(file);
		LogbackFiles files = new LogbackFiles(this.context);
		int logged = RotationUnderLoad.logWhileRotating(this.logger::info, (rotation) -> {
			if (Files.exists(file)) {
				Files.move(file, this.directory.resolve("app.log." + rotation));
			}
			assertThat(files.reopen()).extracting(LogFileReopening::outcome).containsExactly(Outcome.REOPENED);
		});
		this.context.stop();
		assertThat(RotationUnderLoad.linesIn(this.directory)).hasSize(logged);
	}

	private RollingFileAppender<ILoggingEvent> rollingFile(Path file) {
		RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
		appender.setContext(this.context);
		appender.setFile(file.toString());
		// What Spring Boot configures for logging.file.name.
		SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
		policy.setContext(this.context);
		policy.setParent(appender);
		policy.setFileNamePattern(file + ".%d{yyyy-MM-dd}.%i.gz");
		policy.setMaxFileSize(FileSize.valueOf("10MB"));
		policy.setMaxHistory(7);
		policy.start();
		appender.setRollingPolicy(policy);
		this.logger.addAppender(start(appender, "FILE"));
		this.logger.setAdditive(false);
		return appender;
	}

	private <A extends FileAppender<ILoggingEvent>> A start(A appender, String name) {
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(this.context);
		encoder.setPattern("%msg%n");
		encoder.start();
		appender.setContext(this.context);
		appender.setName(name);
		appender.setEncoder(encoder);
		appender.start();
		return appender;
	}

}
